// The page script of the "Google App Engine" example: the same FetchManager in a browser, on a
// page served from one loopback origin, requesting a CORS-enabled server on another.
import { FetchManager } from '@urlpool/fetch-manager';

async function demo(upstream: string): Promise<unknown> {
  const http = new FetchManager();
  const r = await http.request('POST', `${upstream}/anything`, { json: { from: 'chromium' } });
  const redirected = await http.request('GET', `${upstream}/redirect/2`);
  let streamed = 0;
  const big = await http.request('GET', `${upstream}/large?size=1048576`, {
    preloadContent: false,
  });
  for await (const chunk of big.stream(65536)) streamed += chunk.length;
  return {
    status: r.status,
    echoed: r.json<{ json: unknown }>().json,
    redirectMode: http.redirectMode,
    finalUrl: redirected.url,
    streamed,
  };
}

(globalThis as { demo?: typeof demo }).demo = demo;
document.title = 'ready';
