// Guide: "Google App Engine". urllib3 runs where raw sockets are not allowed on the platform's
// own HTTP API (AppEngineManager over URLFetch). urlpool's FetchManager does the same on the
// runtime's fetch for Cloudflare Workers, Deno Deploy, Vercel Edge and browsers: PoolManager's
// API, Retry, Timeout and HTTPResponse, and a PlatformWarning for what the platform decides.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  bundle,
  hasChromium,
  hasDeno,
  launchChromium,
  startDeno,
  startEdgeRuntime,
  startPageServer,
  startWorkerd,
} from '@urlpool/runtime-harness';
import { startTestServer } from '@urlpool/test-server';
import { FetchManager, onWarning, PlatformWarning } from 'urlpool';
import type { Example } from './example-context.ts';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

export const restrictedRuntimes: Example = {
  title: 'Google App Engine',
  async run({ server, log }) {
    // >>> http = AppEngineManager(); http.request('GET', url)
    const warned: string[] = [];
    const stop = onWarning((w) => {
      if (w instanceof PlatformWarning) warned.push(w.message);
    });
    // PoolManager options the platform cannot honour are accepted and named in one warning.
    const http = new FetchManager({ maxsize: 10, certReqs: 'CERT_REQUIRED' });
    stop();
    const r = await http.request('GET', `${server.url}/get`);
    log(`FetchManager on Node's fetch -> GET /get: ${r.status}`);
    log(`PlatformWarning: ${warned[0]}`);
    assert.equal(r.status, 200);
    assert.match(warned[0] ?? '', /certReqs, maxsize cannot be honoured/);

    // The same handler in three server-side runtimes, each bundled with no node: modules:
    // a Cloudflare Worker in workerd (no nodejs_compat), a module served by Deno (network
    // allowed to 127.0.0.1 only) and a script in the Vercel Edge Runtime.
    const expected = (from: string, hasBuffer = false) => ({
      status: 200,
      args: { from },
      retriedStatus: 200,
      attempts: 2,
      hasBuffer,
    });
    const query = (from: string) => `?upstream=${encodeURIComponent(server.url)}&from=${from}`;
    const workerModule = here('./restricted-runtimes-worker.ts');
    const worker = await startWorkerd((await bundle({ file: workerModule }, 'workerd')).code);
    try {
      const result = await (await worker.fetch(`http://worker.test/${query('workerd')}`)).json();
      log(`in workerd: ${JSON.stringify(result)}`);
      assert.deepEqual(result, expected('workerd'));
    } finally {
      await worker.close();
    }
    if (!hasDeno()) throw new Error('Deno is missing: run pnpm install (@deno/linux-x64-glibc)');
    const deno = await startDeno((await bundle({ file: workerModule }, 'deno')).code);
    try {
      const result = await (await fetch(`${deno.url}/${query('deno')}`)).json();
      log(`in Deno: ${JSON.stringify(result)}`);
      // Deno 2 has Node's Buffer as a global; the bundle still loads no node: module.
      assert.deepEqual(result, expected('deno', true));
    } finally {
      await deno.close();
    }
    const edgeScript = here('./restricted-runtimes-edge.ts');
    const edge = startEdgeRuntime((await bundle({ file: edgeScript }, 'edge-light')).code);
    const edgeResult = await (await edge.fetch(`http://edge.test/${query('edge')}`)).json();
    log(`in the Vercel Edge Runtime: ${JSON.stringify(edgeResult)}`);
    assert.deepEqual(edgeResult, expected('edge'));

    // A page in headless Chromium, requesting a CORS-enabled loopback server.
    if (!hasChromium()) {
      throw new Error('Chromium is missing: run node scripts/ensure-system-deps.mjs');
    }
    const cors = await startTestServer({ cors: true, recordRequests: false });
    const pages = await startPageServer(
      (await bundle({ file: here('./restricted-runtimes-page.ts') }, 'browser')).code,
    );
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${pages.url}/`);
      await page.waitForFunction(() => document.title === 'ready');
      const result = (await page.evaluate(
        (upstream) =>
          (globalThis as unknown as { demo(u: string): Promise<unknown> }).demo(upstream),
        cors.url,
      )) as Record<string, unknown>;
      log(`in Chromium: ${JSON.stringify(result)}`);
      assert.deepEqual(result, {
        status: 200,
        echoed: { from: 'chromium' },
        redirectMode: 'follow',
        finalUrl: `${cors.url}/get`,
        streamed: 1048576,
      });
    } finally {
      await browser.close();
      await pages.close();
      await cors.close();
    }
  },
};
