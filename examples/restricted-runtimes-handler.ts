// The request handler of the "Google App Engine" example's server-side runtimes (workerd, Deno,
// the Vercel Edge Runtime): urllib3's AppEngineManager idea on today's sandboxes. It is bundled
// with esbuild (no node: modules reach it) and runs on the runtime's own fetch.
import { FetchManager } from '@urlpool/fetch-manager';

const http = new FetchManager({ retries: 3, timeout: { connect: 2000, read: 5000 } });

/** `GET /?upstream=URL&from=NAME`: a request with fields and one retried 503, as JSON. */
export async function handle(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const upstream = params.get('upstream') ?? '';
  const from = params.get('from') ?? '';
  const r = await http.request('GET', `${upstream}/get`, { fields: { from } });
  const retried = await http.request(
    'GET',
    `${upstream}/retry?key=${encodeURIComponent(from)}&failures=1&retry_after=0`,
  );
  return Response.json({
    status: r.status,
    args: r.json<{ args: unknown }>().args,
    retriedStatus: retried.status,
    attempts: retried.json<{ attempts: number }>().attempts,
    hasBuffer: typeof (globalThis as { Buffer?: unknown }).Buffer !== 'undefined',
  });
}
