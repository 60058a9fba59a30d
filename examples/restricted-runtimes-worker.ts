// The Cloudflare Worker of the "Google App Engine" example: urllib3's AppEngineManager idea on
// today's sandboxes. It is bundled with esbuild (no node: modules reach it) and run in workerd.
import { FetchManager } from '@urlpool/fetch-manager';

const http = new FetchManager({ retries: 3, timeout: { connect: 2000, read: 5000 } });

export default {
  async fetch(request: Request): Promise<Response> {
    const upstream = new URL(request.url).searchParams.get('upstream') ?? '';
    const r = await http.request('GET', `${upstream}/get`, { fields: { from: 'workerd' } });
    const retried = await http.request(
      'GET',
      `${upstream}/retry?key=worker&failures=1&retry_after=0`,
    );
    return Response.json({
      status: r.status,
      args: r.json<{ args: unknown }>().args,
      retriedStatus: retried.status,
      attempts: retried.json<{ attempts: number }>().attempts,
      hasBuffer: typeof (globalThis as { Buffer?: unknown }).Buffer !== 'undefined',
    });
  },
};
