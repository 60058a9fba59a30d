/** got 14 with the same keep-alive Agent as node:http. */
import type { Agent as HttpsAgent } from 'node:https';
import got from 'got';
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { expect200, gzipHeaders } from './check.ts';
import { createNodeAgent } from './node-agent.ts';

/** got decodes gzip itself (`decompress` defaults to true). */
export const gotClient: ClientAdapter = {
  name: 'got',
  level: 'manager',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const agent = createNodeAgent(spec);
    const client = got.extend({
      agent: spec.tls === null ? { http: agent } : { https: agent as HttpsAgent },
      throwHttpErrors: false,
    });
    const { method, path, body, stream } = spec;
    const headers = gzipHeaders(spec.gzip);
    return {
      async request(target: Target): Promise<number> {
        const url = target.origin + path;
        if (stream) {
          const s = client.stream(url, { method, headers });
          let status: number | undefined;
          s.once('response', (res: { statusCode: number }) => {
            status = res.statusCode;
          });
          let n = 0;
          for await (const chunk of s) n += (chunk as Buffer).length;
          expect200('got', status);
          return n;
        }
        const res = await client(url, {
          method,
          headers,
          responseType: 'buffer',
          ...(body === null ? {} : { body }),
        });
        expect200('got', res.statusCode);
        return res.body.length;
      },
      async close(): Promise<void> {
        agent.destroy();
      },
    };
  },
};
