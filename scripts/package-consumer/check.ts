// Type-checked (never run) by scripts/check-packages.mjs with `tsc --strict` against the installed
// tarballs: the published declarations must resolve and describe the documented API.
import {
  HTTPHeaderDict,
  type HTTPResponse,
  MaxRetryError,
  PoolManager,
  type PoolManagerOptions,
  Retry,
  request,
  Timeout,
} from 'urlpool';

const options: PoolManagerOptions = { numPools: 10, maxsize: 2, block: true };
const http = new PoolManager(options);

export async function fetchJson(url: string): Promise<unknown> {
  try {
    const r: HTTPResponse = await http.request('GET', url, {
      headers: new HTTPHeaderDict({ accept: 'application/json' }),
      retries: new Retry({ total: 3, backoffFactor: 100 }),
      timeout: new Timeout({ connect: 1000, read: 5000 }),
    });
    const status: number = r.status;
    const type: string | undefined = r.headers.get('content-type') ?? undefined;
    return status === 200 && type !== undefined ? r.json() : null;
  } catch (error) {
    if (error instanceof MaxRetryError) return error.reason;
    throw error;
  }
}

export async function stream(url: string): Promise<number> {
  const r = await request('GET', url, { preloadContent: false });
  let bytes = 0;
  for await (const chunk of r.stream(65536)) bytes += chunk.length;
  r.releaseConn();
  return bytes;
}
