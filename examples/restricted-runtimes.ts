// Guide: "Google App Engine". urllib3 runs where raw sockets are not allowed on the platform's
// own HTTP API (AppEngineManager over URLFetch). urlpool's FetchManager does the same on the
// runtime's fetch for Cloudflare Workers, Deno Deploy, Vercel Edge and browsers: PoolManager's
// API, Retry, Timeout and HTTPResponse, and a PlatformWarning for what the platform decides.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  bundle,
  hasChromium,
  launchChromium,
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

    // A Cloudflare Worker, bundled for workerd (no node: modules, no nodejs_compat).
    const worker = await startWorkerd(
      (await bundle({ file: here('./restricted-runtimes-worker.ts') }, 'workerd')).code,
    );
    try {
      const res = await worker.fetch(
        `http://worker.test/?upstream=${encodeURIComponent(server.url)}`,
      );
      const result = (await res.json()) as Record<string, unknown>;
      log(`in workerd: ${JSON.stringify(result)}`);
      assert.deepEqual(result, {
        status: 200,
        args: { from: 'workerd' },
        retriedStatus: 200,
        attempts: 2,
        hasBuffer: false,
      });
    } finally {
      await worker.close();
    }

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
