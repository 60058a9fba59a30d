import { Readable } from 'node:stream';
import {
  LocationValueError,
  MaxRetryError,
  ReadTimeoutError,
  Retry,
  UnrewindableBodyError,
} from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionFromUrl, HTTPConnectionPool, HTTPSConnectionPool } from '../src/index.ts';
import { rejection } from './helpers/rejection.ts';

// urllib3 conformance and everyday ergonomics (issue 10), against a loopback server.
let server: TestServer;
let pool: HTTPConnectionPool;

interface Echo {
  method: string;
  headers: Record<string, string>;
  bodyLength: number;
  data: string;
  form: {
    fields: Record<string, string | string[]>;
    files: Record<string, { filename: string; type: string; content: string }[]>;
  } | null;
}

beforeAll(async () => {
  server = await startTestServer();
  pool = new HTTPConnectionPool('127.0.0.1', { port: server.port, maxsize: 2 });
});
afterAll(async () => {
  pool.close();
  await server.close();
});

function header(echo: Echo, name: string): string | undefined {
  const key = Object.keys(echo.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : echo.headers[key];
}

describe('LocationValueError for missing hosts and URLs (item 8)', () => {
  it.each([
    ['an empty host', ''],
    ['a null host', null],
    ['an undefined host', undefined],
  ])('new HTTPConnectionPool with %s says "No host specified."', (_what, host) => {
    expect(() => new HTTPConnectionPool(host as string)).toThrow(LocationValueError);
    expect(() => new HTTPConnectionPool(host as string)).toThrow('No host specified.');
    expect(() => new HTTPSConnectionPool(host as string)).toThrow(LocationValueError);
  });

  it.each([
    ['an empty URL', ''],
    ['a null URL', null],
    ['a URL without a host', '/just/a/path'],
  ])('connectionFromUrl with %s says "No host specified."', (_what, url) => {
    expect(() => connectionFromUrl(url as string)).toThrow(LocationValueError);
    expect(() => connectionFromUrl(url as string)).toThrow('No host specified.');
  });

  it('a null URL to request() or urlopen() rejects with LocationValueError', async () => {
    await expect(pool.request('GET', null as unknown as string)).rejects.toBeInstanceOf(
      LocationValueError,
    );
    await expect(pool.urlopen('GET', undefined as unknown as string)).rejects.toBeInstanceOf(
      LocationValueError,
    );
  });
});

describe('MaxRetryError names the pool like urllib3 (item 14)', () => {
  it("HTTPConnectionPool(host='127.0.0.1', port=N): Max retries exceeded with url: /status/503", async () => {
    const error = await rejection(
      pool.request('GET', '/status/503', {
        retries: new Retry({ total: 1, statusForcelist: [503] }),
      }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect(error.message).toMatch(
      new RegExp(
        `^HTTPConnectionPool\\(host='127\\.0\\.0\\.1', port=${server.port}\\): Max retries exceeded with url: /status/503 \\(Caused by ResponseError: `,
      ),
    );
    expect((error as MaxRetryError).url).toBe('/status/503');
    expect(String(pool)).toBe(`HTTPConnectionPool(host='127.0.0.1', port=${server.port})`);
  });
});

describe('everyday inputs a Node user passes (item 16)', () => {
  it('timeout: { connect, read } works per request and per pool', async () => {
    const r = await pool.request('GET', '/get', { timeout: { connect: 1000, read: 2000 } });
    expect(r.status).toBe(200);
    const slow = new HTTPConnectionPool('127.0.0.1', {
      port: server.port,
      timeout: { read: 50 },
      retries: false,
    });
    try {
      await expect(slow.request('GET', '/delay/2000')).rejects.toBeInstanceOf(ReadTimeoutError);
    } finally {
      slow.close();
    }
  });

  it('request() and urlopen() take a WHATWG URL', async () => {
    const r = await pool.request('GET', new URL(`${server.url}/get?a=1`), { fields: { b: '2' } });
    expect(r.json<{ args: Record<string, string> }>().args).toEqual({ a: '1', b: '2' });
    const u = await pool.urlopen('GET', new URL(`${server.url}/get`));
    expect(u.status).toBe(200);
    expect(pool.isSameHost(new URL(`${server.url}/x`))).toBe(true);
    const p = connectionFromUrl(new URL(server.url));
    try {
      expect(p.port).toBe(server.port);
    } finally {
      p.close();
    }
  });

  it('body: new FormData() is sent as multipart with its boundary and a Content-Length', async () => {
    const form = new FormData();
    form.append('name', 'value');
    form.append('upload', new File(['file contents'], 'notes.txt', { type: 'text/plain' }));
    for (const send of [
      () => pool.request('POST', '/post', { body: form }),
      () => pool.urlopen('POST', '/post', { body: form }),
    ]) {
      const echo = (await send()).json<Echo>();
      expect(header(echo, 'content-type')).toMatch(/^multipart\/form-data; boundary=/);
      expect(header(echo, 'content-length')).toBe(String(echo.bodyLength));
      expect(echo.form?.fields).toEqual({ name: 'value' });
      expect(echo.form?.files.upload?.[0]).toMatchObject({
        filename: 'notes.txt',
        type: 'text/plain',
        content: 'file contents',
      });
    }
  });

  it('a FormData body is re-sent on a 307 redirect', async () => {
    const form = new FormData();
    form.append('k', 'v');
    const r = await pool.request('POST', '/redirect-to?url=/post&status_code=307', { body: form });
    expect(r.json<Echo>().form?.fields).toEqual({ k: 'v' });
  });

  it('body: a Blob is sent with Content-Length and its type', async () => {
    const echo = (
      await pool.request('POST', '/post', {
        body: new Blob(['{"a":1}'], { type: 'application/json' }),
      })
    ).json<Echo>();
    expect(header(echo, 'content-length')).toBe('7');
    expect(header(echo, 'content-type')).toBe('application/json');
    expect(header(echo, 'transfer-encoding')).toBeUndefined();
    expect(echo.data).toBe('{"a":1}');
  });

  it('Blobs and streams as fields file values', async () => {
    const echo = (
      await pool.request('POST', '/post', {
        fields: {
          text: 'plain',
          blob: ['b.bin', new Blob([Buffer.from('blob bytes')])],
          file: new File(['file bytes'], 'f.txt', { type: 'text/plain' }),
          stream: ['s.csv', Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')])],
        },
        retries: false,
      })
    ).json<Echo>();
    expect(header(echo, 'transfer-encoding')).toBe('chunked');
    expect(echo.form?.fields).toEqual({ text: 'plain' });
    const files = echo.form!.files;
    expect(files.blob?.[0]).toMatchObject({ filename: 'b.bin', content: 'blob bytes' });
    expect(files.file?.[0]).toMatchObject({ filename: 'f.txt', type: 'text/plain' });
    expect(files.stream?.[0]).toMatchObject({
      filename: 's.csv',
      type: 'text/csv',
      content: 'a,b\n1,2\n',
    });
  });

  it('a stream field cannot be re-sent on a redirect: UnrewindableBodyError', async () => {
    const error = await rejection(
      pool.request('POST', '/redirect-to?url=/post&status_code=307', {
        fields: { s: ['s.txt', Readable.from([Buffer.from('x')])] },
      }),
    );
    expect(error).toBeInstanceOf(UnrewindableBodyError);
  });
});
