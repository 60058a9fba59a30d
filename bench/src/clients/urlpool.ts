/**
 * urlpool: an HTTPConnectionPool (`maxsize` = concurrency, `block: true`) for single-origin
 * scenarios, a PoolManager (`numPools: 50, maxsize: 1`) for the many-origins one. Responses are
 * preloaded (`.data`) except in the streaming scenario, which reads `response.stream(65536)`.
 *
 * urlpool is loaded with a dynamic import of a non-literal specifier, on purpose: the bench must
 * keep running (with urlpool shown as n/a and the reason) while the engine is unfinished, and its
 * type check must not depend on the engine's work in progress. The shapes below are the parts of
 * the public contract (/work/shared/api.md) the bench uses.
 */
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { expect200, gzipHeaders } from './check.ts';

interface UrlpoolResponse {
  status: number;
  data: Buffer;
  stream(amt?: number): AsyncIterable<Buffer>;
  releaseConn(): void;
}

interface RequestOptions {
  body?: Buffer;
  headers?: Record<string, string>;
  preloadContent?: boolean;
}

interface Requester {
  request(method: string, url: string, options?: RequestOptions): Promise<UrlpoolResponse>;
  close?(): Promise<void> | void;
  clear?(): Promise<void> | void;
}

interface UrlpoolModule {
  HTTPConnectionPool: new (
    host: string,
    options: { port: number; maxsize: number; block: boolean },
  ) => Requester;
  PoolManager: new (options: { numPools: number; maxsize: number }) => Requester;
}

const MODULE_NAME = 'urlpool';

async function load(): Promise<UrlpoolModule> {
  const mod = (await import(MODULE_NAME)) as Partial<UrlpoolModule>;
  if (typeof mod.HTTPConnectionPool !== 'function' || typeof mod.PoolManager !== 'function') {
    throw new Error('urlpool does not export HTTPConnectionPool and PoolManager yet');
  }
  return mod as UrlpoolModule;
}

/** The client this bench exists for. */
export const urlpoolClient: ClientAdapter = {
  name: 'urlpool',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const mod = await load();
    const many = spec.maxOrigins !== null;
    const requester: Requester = many
      ? new mod.PoolManager({ numPools: spec.maxOrigins ?? 10, maxsize: spec.connectionsPerOrigin })
      : new mod.HTTPConnectionPool(spec.targets[0].host, {
          port: spec.targets[0].port,
          maxsize: spec.connectionsPerOrigin,
          block: true,
        });
    const { method, path, stream } = spec;
    const options: RequestOptions = {};
    if (spec.gzip) options.headers = gzipHeaders(true);
    if (spec.body !== null) options.body = spec.body;
    if (stream) options.preloadContent = false;
    return {
      async request(target: Target): Promise<number> {
        const res = await requester.request(method, many ? target.origin + path : path, options);
        expect200('urlpool', res.status);
        if (!stream) return res.data.length;
        let n = 0;
        for await (const chunk of res.stream(65536)) n += chunk.length;
        res.releaseConn();
        return n;
      },
      async close(): Promise<void> {
        await (requester.close ?? requester.clear)?.call(requester);
      },
    };
  },
};
