import { HTTPError, InvalidHeader, LocationParseError } from '@urlpool/core';
import { serveBytes, startRawServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

let raw: Awaited<ReturnType<typeof startRawServer>>;
let pool: HTTPConnectionPool;

beforeAll(async () => {
  raw = await startRawServer(serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
  pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: false });
});
afterAll(async () => {
  pool.close();
  await raw.close();
});

describe('bad input is rejected before any byte is sent', () => {
  it('a method that is not a token', async () => {
    for (const method of ['GET /evil HTTP/1.1\r\n', 'GE T', '', 'GET\0']) {
      const error = await pool.request(method, '/').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HTTPError);
      expect((error as Error).message).toMatch(/method/i);
    }
    expect(raw.totalConnections).toBe(0);
  });

  it('CR, LF or NUL in a header name or value', async () => {
    await expect(
      pool.request('GET', '/', { headers: { 'X-A': 'v\r\nInjected: 1' } }),
    ).rejects.toBeInstanceOf(InvalidHeader);
    await expect(pool.request('GET', '/', { headers: { 'X-A\r\n': 'v' } })).rejects.toBeInstanceOf(
      InvalidHeader,
    );
    await expect(pool.request('GET', '/', { headers: [['X-A', 'a\0b']] })).rejects.toBeInstanceOf(
      InvalidHeader,
    );
    const secret = await pool
      .request('GET', '/', { headers: { Authorization: 'Bearer s3cret\r\n' } })
      .catch((e: unknown) => e);
    expect((secret as Error).message).not.toContain('s3cret');
    expect(raw.totalConnections).toBe(0);
  });

  it('CR, LF, NUL or space in the request target are percent-encoded, never a new line', async () => {
    const cases: [string, string][] = [
      ['/a\r\nHost: evil', '/a%0D%0AHost:%20evil'],
      ['/a b', '/a%20b'],
      ['/a\0', '/a%00'],
    ];
    for (const [target, wire] of cases) {
      await pool.request('GET', target);
      expect(raw.requests.at(-1)!.toString('latin1')).toMatch(
        new RegExp(`^GET ${wire.replace(/[?]/g, '\\?')} HTTP/1\\.1\\r\\nHost: `),
      );
    }
  });

  it('an unparseable URL and a non-numeric port', async () => {
    await expect(
      pool.request('GET', `http://127.0.0.1:${raw.port}/x`, { headers: {} }),
    ).resolves.toHaveProperty('status', 200);
    raw.requests.length = 0;
    const before = raw.totalConnections;
    await expect(pool.request('GET', 'http://127.0.0.1:notaport/x')).rejects.toBeInstanceOf(
      LocationParseError,
    );
    await expect(pool.request('GET', 'http://[::1/x')).rejects.toBeInstanceOf(LocationParseError);
    expect(raw.totalConnections).toBe(before);
  });

  it('sends fragments nowhere and the Host header with the port', async () => {
    const r = await pool.request('GET', '/path?q=1#frag');
    expect(r.status).toBe(200);
    const sent = raw.requests.at(-1)!.toString('latin1');
    expect(sent.startsWith('GET /path?q=1 HTTP/1.1\r\n')).toBe(true);
    expect(sent).toContain(`Host: 127.0.0.1:${raw.port}\r\n`);
    expect(sent).toContain('Accept-Encoding: identity\r\n');
    expect(sent).toMatch(/User-Agent: urlpool\/\d+\.\d+\.\d+/);
  });
});
