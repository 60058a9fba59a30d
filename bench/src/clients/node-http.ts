/** node:http(s) `request` with a keep-alive Agent; gzip is piped through zlib's gunzip. */
import { type IncomingMessage, type RequestOptions, request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createGunzip } from 'node:zlib';
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { bodyLength } from './body-length.ts';
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
        if (gzip) return bodyLength(res.pipe(createGunzip()), true);
        return bodyLength(res, !stream);
      },
      async close(): Promise<void> {
        agent.destroy();
      },
    };
  },
};
