/** undici's fetch (the WHATWG one) through the same kind of Agent as undici.request. */

import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { undici } from '../undici.ts';
import { expect200, gzipHeaders } from './check.ts';
import { undiciConnect } from './undici-read.ts';

/** fetch decodes gzip itself. */
export const undiciFetch: ClientAdapter = {
  name: 'undici.fetch',
  level: 'manager',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const agent = new undici.Agent({
      connections: spec.connectionsPerOrigin,
      pipelining: 1,
      ...undiciConnect(spec),
    });
    const headers = gzipHeaders(spec.gzip);
    const { method, path, body, stream } = spec;
    return {
      async request(target: Target): Promise<number> {
        const res = await undici.fetch(target.origin + path, {
          dispatcher: agent,
          method,
          headers,
          body,
        });
        expect200('undici.fetch', res.status);
        if (stream && res.body !== null) {
          let n = 0;
          for await (const chunk of res.body) n += chunk.length;
          return n;
        }
        return (await res.arrayBuffer()).byteLength;
      },
      close: () => agent.close(),
    };
  },
};
