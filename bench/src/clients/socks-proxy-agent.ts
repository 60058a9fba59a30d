/**
 * node:http through `socks-proxy-agent` (the proxy-agents SOCKS agent that most Node clients
 * use), keep-alive with `maxSockets` = the scenario's connections: the SOCKS scenario's
 * baseline.
 */
import { type IncomingMessage, request } from 'node:http';
import { SocksProxyAgent } from 'socks-proxy-agent';
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { expect200 } from './check.ts';

const NAME = 'node:http + socks-proxy-agent';

/** The SOCKS scenario's reference client. */
export const socksProxyAgentClient: ClientAdapter = {
  name: NAME,
  level: 'manager',
  onlyWhenListed: true,
  async create(spec: RequestSpec): Promise<ClientInstance> {
    if (spec.socksProxy === undefined) throw new Error('SOCKS scenarios only');
    const agent = new SocksProxyAgent(spec.socksProxy, {
      keepAlive: true,
      maxSockets: spec.connectionsPerOrigin,
    });
    const { method, path } = spec;
    return {
      async request(target: Target): Promise<number> {
        const res = await new Promise<IncomingMessage>((resolve, reject) => {
          const req = request(
            { agent, host: target.host, port: target.port, method, path },
            resolve,
          );
          req.on('error', reject);
          req.end();
        });
        expect200(NAME, res.statusCode);
        const chunks: Buffer[] = [];
        let n = 0;
        for await (const chunk of res as AsyncIterable<Buffer>) {
          n += chunk.length;
          chunks.push(chunk);
        }
        return Buffer.concat(chunks, n).length;
      },
      async close(): Promise<void> {
        agent.destroy();
      },
    };
  },
};
