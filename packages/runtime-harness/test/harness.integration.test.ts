import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bundle,
  hasChromium,
  hasDeno,
  launchChromium,
  startDeno,
  startEdgeRuntime,
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

  it.skipIf(!hasDeno() && process.env.CI !== 'true')(
    'serves a bundled module in Deno, with network access to 127.0.0.1 only',
    async () => {
      const { code } = await bundle(
        {
          contents:
            'export default { fetch(request) { ' +
            "const net = (host) => Deno.permissions.querySync({ name: 'net', host }).state; " +
            'return Response.json({ url: request.url, deno: typeof Deno, version: Deno.version.deno, ' +
            "loopback: net('127.0.0.1:80'), remote: net('192.0.2.1:80') }); } };",
          resolveDir: here,
        },
        'deno',
      );
      const deno = await startDeno(code);
      try {
        expect(deno.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const res = await fetch(`${deno.url}/hello`);
        const body = (await res.json()) as Record<string, string>;
        expect(body.url).toBe(`${deno.url}/hello`);
        expect(body.deno).toBe('object');
        expect(body.version).toMatch(/^2\./);
        // Asked, not tried: Deno may connect to 127.0.0.1 and to nothing else.
        expect(body.loopback).toBe('granted');
        expect(body.remote).not.toBe('granted');
      } finally {
        await deno.close();
      }
    },
    60_000,
  );

  it('runs a bundled script in the Vercel Edge Runtime, without Node APIs', async () => {
    const { code } = await bundle(
      {
        contents:
          "addEventListener('fetch', (event) => event.respondWith(Response.json({ " +
          'url: event.request.url, edge: typeof EdgeRuntime, process: typeof process, ' +
          'buffer: typeof Buffer })));',
        resolveDir: here,
      },
      'edge-light',
    );
    expect(code.startsWith('(() => {')).toBe(true);
    const edge = startEdgeRuntime(code);
    const res = await edge.fetch('http://edge.test/hello');
    expect(await res.json()).toEqual({
      url: 'http://edge.test/hello',
      edge: 'string',
      process: 'undefined',
      buffer: 'undefined',
    });
  });
});
