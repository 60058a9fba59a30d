import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bundle,
  hasChromium,
  launchChromium,
  startPageServer,
  startWorkerd,
} from '../src/index.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('runtime harness', () => {
  it('refuses a bundle whose graph reaches a node: module', async () => {
    await expect(
      bundle(
        {
          contents: "import { readFileSync } from 'node:fs'; readFileSync('x');",
          resolveDir: here,
        },
        'browser',
      ),
    ).rejects.toThrow(/node:fs/);
  });

  it('runs a bundled module worker in workerd, without Node APIs', async () => {
    const { code } = await bundle(
      {
        contents:
          'export default { async fetch(request) { return Response.json({ ' +
          'url: request.url, process: typeof process, buffer: typeof Buffer, stream: typeof ReadableStream }); } };',
        resolveDir: here,
      },
      'workerd',
    );
    const worker = await startWorkerd(code);
    try {
      const res = await worker.fetch('http://worker.test/hello');
      expect(await res.json()).toEqual({
        url: 'http://worker.test/hello',
        process: 'undefined',
        buffer: 'undefined',
        stream: 'function',
      });
    } finally {
      await worker.close();
    }
  }, 60_000);

  it.skipIf(!hasChromium() && process.env.CI !== 'true')(
    'loads a bundled page in headless Chromium from a loopback origin',
    async () => {
      const { code } = await bundle(
        { contents: "document.title = 'ready:' + typeof Buffer;", resolveDir: here },
        'browser',
      );
      const pages = await startPageServer(code);
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${pages.url}/`);
        await page.waitForFunction(() => document.title.startsWith('ready'));
        expect(await page.title()).toBe('ready:undefined');
      } finally {
        await browser.close();
        await pages.close();
      }
    },
    60_000,
  );
});
