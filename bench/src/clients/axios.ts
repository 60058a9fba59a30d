/** axios (Node http adapter) with the same keep-alive Agent as node:http. */
import type { Readable } from 'node:stream';
import axios from 'axios';
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { expect200, gzipHeaders } from './check.ts';
import { createNodeAgent } from './node-agent.ts';

/** axios decodes gzip itself (`decompress` defaults to true). */
export const axiosClient: ClientAdapter = {
  name: 'axios',
  level: 'manager',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const agent = createNodeAgent(spec);
    // arraybuffer: the body as a Buffer, without axios's default JSON parse attempt.
    const instance = axios.create({
      ...(spec.tls === null ? { httpAgent: agent } : { httpsAgent: agent }),
      validateStatus: null,
    });
    const { method, path, body, gzip, stream } = spec;
    const headers = gzipHeaders(gzip);
    return {
      async request(target: Target): Promise<number> {
        const url = target.origin + path;
        if (stream) {
          const res = await instance.request<Readable>({
            url,
            method,
            headers,
            data: body,
            responseType: 'stream',
          });
          expect200('axios', res.status);
          let n = 0;
          for await (const chunk of res.data) n += (chunk as Buffer).length;
          return n;
        }
        const res = await instance.request<Buffer>({
          url,
          method,
          headers,
          data: body,
          responseType: 'arraybuffer',
        });
        expect200('axios', res.status);
        return res.data.length;
      },
      async close(): Promise<void> {
        agent.destroy();
      },
    };
  },
};
