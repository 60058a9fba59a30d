/** node:http(s) `request` with a keep-alive Agent; gzip is piped through zlib's gunzip. */
import { type IncomingMessage, type RequestOptions, request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createGunzip } from 'node:zlib';
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { expect200, gzipHeaders } from './check.ts';
import { createNodeAgent } from './node-agent.ts';

function send(
  options: RequestOptions,
  body: Buffer | null,
  tls: boolean,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = (tls ? httpsRequest : request)(options, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

async function count(stream: AsyncIterable<Buffer>, keep: boolean): Promise<number> {
  // `keep` collects the chunks into one Buffer, as a client that hands back a body does.
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    n += chunk.length;
    if (keep) chunks.push(chunk);
  }
  return keep ? Buffer.concat(chunks, n).length : n;
}

/** The Node.js built-in client. */
export const nodeHttp: ClientAdapter = {
  name: 'node:http',
  level: 'manager',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const agent = createNodeAgent(spec);
    const { method, path, body, gzip, stream } = spec;
    const tls = spec.tls !== null;
    const headers: Record<string, string> = gzipHeaders(gzip);
    if (body !== null) headers['content-length'] = String(body.length);
    return {
      async request(target: Target): Promise<number> {
        const res = await send(
          { agent, host: target.host, port: target.port, method, path, headers },
          body,
          tls,
        );
        expect200('node:http', res.statusCode);
        if (gzip) return count(res.pipe(createGunzip()), true);
        return count(res, !stream);
      },
      async close(): Promise<void> {
        agent.destroy();
      },
    };
  },
};
