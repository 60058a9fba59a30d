import {
  bundle,
  type HeadlessChromium,
  hasChromium,
  launchChromium,
  type Page,
  type PageServer,
  startPageServer,
} from '@urlpool/runtime-harness';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from './behaviour/cases.ts';
import { refusedUrl } from './runtimes/refused-url.ts';
import type { CaseResult } from './runtimes/run-case.ts';

// The behaviour cases in headless Chromium: a page served from one loopback origin imports the
// browser bundle and requests the test server on another loopback origin (CORS).
const available = hasChromium();
if (!available && process.env.CI === 'true') {
  throw new Error(
    'Chromium is missing at /usr/bin/chromium: scripts/ensure-system-deps.mjs installs it (apt-get install chromium).',
  );
}

describe.skipIf(!available)('FetchManager in headless Chromium', () => {
  let server: TestServer;
  let pages: PageServer;
  let browser: HeadlessChromium;
  let page: Page;
  let refused: string;

  beforeAll(async () => {
    server = await startTestServer({ cors: true });
    refused = await refusedUrl();
    const script = await bundle(
      { file: new URL('./runtimes/browser-entry.ts', import.meta.url).pathname },
      'browser',
    );
    pages = await startPageServer(script.code);
    browser = await launchChromium();
    page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${pages.url}/`);
    await page
      .waitForFunction(() => document.title === 'urlpool fetch-manager ready', null, {
        timeout: 15_000,
      })
      .catch((error: unknown) => {
        throw new Error(`the page did not start: ${errors.join('; ') || String(error)}`);
      });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await server?.close();
  });

  for (const name of Object.keys(cases)) {
    it(name, async () => {
      const result = (await page.evaluate(
        ([caseName, context]) =>
          (globalThis as unknown as { runCase(n: string, c: unknown): Promise<unknown> }).runCase(
            caseName,
            context,
          ),
        [name, { base: server.url, refused }] as const,
      )) as CaseResult;
      if (!result.ok) throw new Error(`${result.name}: ${result.message}\n${result.stack}`);
      expect(result.ok).toBe(true);
    });
  }
});
