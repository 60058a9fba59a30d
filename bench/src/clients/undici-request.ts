/**
 * undici.request through an Agent (one Pool per origin), `connections` = the scenario's
 * per-origin limit, no pipelining. undici.request does not decode gzip: the body is piped
 * through zlib's streaming gunzip, which is what a user of undici.request writes.
 */
import { createGunzip } from 'node:zlib';
import { Agent, request } from 'undici';
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { expect200, gzipHeaders } from './check.ts';

async function countStream(iterable: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  for await (const chunk of iterable) n += chunk.length;
  return n;
}

/** The baseline every ratio is computed against. */
export const undiciRequest: ClientAdapter = {
  name: 'undici.request',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    // Agent has no LRU of origins (maxOrigins throws instead of evicting), so in the
    // many-origins scenario it keeps one idle connection per origin until keepAliveTimeout.
    const agent = new Agent({ connections: spec.connectionsPerOrigin, pipelining: 1 });
    const headers = gzipHeaders(spec.gzip);
    const { method, path, body, gzip, stream } = spec;
    return {
      async request(target: Target): Promise<number> {
        const res = await request(target.origin + path, {
          dispatcher: agent,
          method,
          headers,
          body,
        });
        expect200('undici.request', res.statusCode);
        if (gzip) return countStream(res.body.pipe(createGunzip()));
        if (stream) return countStream(res.body);
        return (await res.body.bytes()).length;
      },
      close: () => agent.close(),
    };
  },
};
