import { Readable } from 'node:stream';
import {
  ContentLengthMismatchError,
  HTTPError,
  InvalidHeader,
  InvalidMethodError,
  SKIP_HEADER,
} from '@urlpool/core';
import { type RawServer, serveBytes, startRawServer } from '@urlpool/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

// Regression tests for issue 9 items 1–3: nothing a caller passes may add a line to the
// request head or put bytes on the wire beyond what the head declares.

let raw: RawServer;
let pool: HTTPConnectionPool;

beforeEach(async () => {
  raw = await startRawServer(serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
  pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: false, maxsize: 1 });
});
afterEach(async () => {
  pool.close();
  await raw.close();
});

function lastRequest(): string {
  return raw.requests.at(-1)!.toString('latin1');
}

async function waitForConnections(count: number): Promise<void> {
  for (let i = 0; i < 100 && raw.connections !== count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(raw.connections).toBe(count);
}

describe('header values are validated as bytes', () => {
  it('code points above U+00FF cannot smuggle CR LF (U+010D U+010A) or NUL (U+0100)', async () => {
    for (const value of ['v\u010d\u010aX-Injected: 1', 'a\u0100b', 'caf\u20ac']) {
      const error = await pool.request('GET', '/', { headers: { 'X-A': value } }).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidHeader);
      expect((error as Error).message).toMatch(/HTAB, 0x20–0x7E and 0x80–0xFF/);
    }
    expect(raw.totalConnections).toBe(0);
  });

  it('control characters other than HTAB and DEL are refused; obs-text goes out as one byte', async () => {
    for (const value of ['a\x01b', 'a\x7fb', 'a\x1bb', 'a\vb']) {
      await expect(pool.request('GET', '/', { headers: { 'X-A': value } })).rejects.toBeInstanceOf(
        InvalidHeader,
      );
    }
    expect(raw.totalConnections).toBe(0);
    await pool.request('GET', '/', { headers: { 'X-A': 'caf\xe9\tok' } });
    expect(raw.requests.at(-1)!.includes(Buffer.from('X-A: caf\xe9\tok\r\n', 'latin1'))).toBe(true);
  });

  it('a Host header with U+010A is refused before connecting', async () => {
    await expect(
      pool.request('GET', '/', { headers: { Host: 'a\u010d\u010aX-Injected: 1' } }),
    ).rejects.toBeInstanceOf(InvalidHeader);
    expect(raw.totalConnections).toBe(0);
  });

  it('pool default headers with U+010A are refused when the pool is made', () => {
    expect(
      () =>
        new HTTPConnectionPool('127.0.0.1', {
          port: raw.port,
          headers: { 'X-A': 'v\u010aX-Injected: 1' },
        }),
    ).toThrow(InvalidHeader);
  });

  it('header names must be tokens (U+0130 is not a letter on the wire)', async () => {
    for (const name of ['X-\u0130', 'X A', 'X:A', '']) {
      await expect(pool.request('GET', '/', { headers: [[name, 'v']] })).rejects.toBeInstanceOf(
        InvalidHeader,
      );
    }
    expect(raw.totalConnections).toBe(0);
  });

  it('SKIP_HEADER omits Host and User-Agent, and is refused on other headers', async () => {
    await pool.request('GET', '/', { headers: { Host: SKIP_HEADER, 'User-Agent': SKIP_HEADER } });
    expect(lastRequest()).not.toMatch(/\r\n(Host|User-Agent):/i);
    expect(lastRequest()).not.toContain(SKIP_HEADER);
    await expect(
      pool.request('GET', '/', { headers: { 'X-A': SKIP_HEADER } }),
    ).rejects.toBeInstanceOf(InvalidHeader);
  });

  it('a method that is not a token is an InvalidHeader', async () => {
    const error = await pool.request('G\u0120T', '/').catch((e) => e);
    expect(error).toBeInstanceOf(InvalidMethodError);
    expect(error).toBeInstanceOf(InvalidHeader);
    expect(raw.totalConnections).toBe(0);
  });
});

describe('request targets are percent-encoded as UTF-8', () => {
  it('/€ goes out as /%E2%82%AC, not the byte 0xAC', async () => {
    await pool.request('GET', '/\u20ac?q=\u20ac');
    expect(lastRequest().startsWith('GET /%E2%82%AC?q=%E2%82%AC HTTP/1.1\r\n')).toBe(true);
  });

  it('U+0120 and U+010D U+010A in a pool-relative target cannot send a second request', async () => {
    await pool.request(
      'GET',
      '/x\u0120HTTP/1.1\u010d\u010aHost: evil\u010d\u010a\u010d\u010aGET /y',
    );
    expect(raw.requestsSeen).toBe(1);
    expect(lastRequest()).toMatch(
      /^GET \/x%C4%A0HTTP\/1\.1%C4%8D%C4%8AHost:%20evil%C4%8D%C4%8A%C4%8D%C4%8AGET%20\/y HTTP\/1\.1\r\n/,
    );
  });

  it('absolute URLs are encoded the same way, existing escapes are kept', async () => {
    await pool.request('GET', `http://127.0.0.1:${raw.port}/a b/%41?x=%zz&y=\u00e9`);
    expect(lastRequest().split('\r\n')[0]).toBe('GET /a%20b/%41?x=%25zz&y=%C3%A9 HTTP/1.1');
  });

  it('a redirect to a target with spaces and non-ASCII is encoded too', async () => {
    await raw.close();
    raw = await startRawServer(
      serveBytes((_request, index) =>
        index === 0
          ? 'HTTP/1.1 302 Found\r\nLocation: /to a/\xe9\r\nContent-Length: 0\r\n\r\n'
          : 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
      ),
    );
    pool.close();
    pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: 3 });
    const response = await pool.request('GET', '/from', { headers: { 'X-A': 'caf\xe9' } });
    expect(response.status).toBe(200);
    expect(lastRequest().split('\r\n')[0]).toBe('GET /to%20a/%C3%A9 HTTP/1.1');
  });
});

describe("a caller's Content-Length must match the body", () => {
  it('a 40-byte body with Content-Length: 2 is refused before connecting', async () => {
    const error = await pool
      .request('POST', '/', { body: 'x'.repeat(40), headers: { 'Content-Length': '2' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ContentLengthMismatchError);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as ContentLengthMismatchError).code).toBe('URLPOOL_ERR_CONTENT_LENGTH_MISMATCH');
    expect(error).toMatchObject({ expected: 2, actual: 40 });
    expect(raw.totalConnections).toBe(0);
  });

  it('a shorter bytes body (or none) is refused too', async () => {
    await expect(
      pool.request('POST', '/', { body: 'abc', headers: { 'Content-Length': '10' } }),
    ).rejects.toBeInstanceOf(ContentLengthMismatchError);
    await expect(
      pool.request('POST', '/', { headers: { 'Content-Length': '1' } }),
    ).rejects.toBeInstanceOf(ContentLengthMismatchError);
    expect(raw.totalConnections).toBe(0);
  });

  it('a stream longer than its Content-Length: no extra byte reaches the wire, connection discarded', async () => {
    await raw.close();
    // The server reads the declared request, then waits for whatever else arrives.
    raw = await startRawServer(async (conn) => {
      await conn.readRequest();
      await conn.readRequest(5000).catch(() => {});
    });
    pool.close();
    pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: false });
    const body = Readable.from([Buffer.from('ab'), Buffer.from('GET /smuggled HTTP/1.1\r\n\r\n')]);
    const error = await pool
      .request('POST', '/', { body, headers: { 'Content-Length': '2' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ContentLengthMismatchError);
    await waitForConnections(0);
    expect(raw.requestsSeen).toBe(1);
    expect(lastRequest().endsWith('Content-Length: 2\r\n\r\nab')).toBe(true);
    expect(pool.stats).toMatchObject({ open: 0, active: 0 });
  });

  it('a stream shorter than its Content-Length fails and discards the connection', async () => {
    const body = Readable.from([Buffer.from('ab')]);
    const error = await pool
      .request('POST', '/', { body, headers: { 'Content-Length': '5' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ContentLengthMismatchError);
    expect(error).toMatchObject({ expected: 5, actual: 2 });
    await waitForConnections(0);
    expect(pool.stats).toMatchObject({ open: 0, active: 0 });
  });

  it('a stream matching its Content-Length is sent as is', async () => {
    const body = Readable.from([Buffer.from('ab'), Buffer.from('c')]);
    await pool.request('POST', '/', { body, headers: { 'Content-Length': '3' } });
    expect(lastRequest()).toMatch(/Content-Length: 3\r\n\r\nabc$/);
  });

  it('Content-Length with Transfer-Encoding (or chunked: true) is an InvalidHeader', async () => {
    await expect(
      pool.request('POST', '/', {
        body: 'ab',
        headers: { 'Content-Length': '2', 'Transfer-Encoding': 'chunked' },
      }),
    ).rejects.toBeInstanceOf(InvalidHeader);
    await expect(
      pool.request('POST', '/', { body: 'ab', chunked: true, headers: { 'Content-Length': '2' } }),
    ).rejects.toBeInstanceOf(InvalidHeader);
    await expect(
      pool.request('POST', '/', { body: 'ab', headers: { 'Content-Length': '2x' } }),
    ).rejects.toBeInstanceOf(InvalidHeader);
    expect(raw.totalConnections).toBe(0);
  });
});
