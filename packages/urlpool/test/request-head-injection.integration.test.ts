import { serveBytes, startRawServer } from '@urlpool/test-server';
import { afterAll, describe, expect, it } from 'vitest';
import { getDefaultPoolManager, InvalidHeader, PoolManager, request } from '../src/index.ts';

// Issue 9 item 1 through the manager and the top-level request(): code points above U+00FF
// never reach the wire as smuggled CR LF, whatever path the header took.

afterAll(() => getDefaultPoolManager().clear());

const INJECTION = 'v\u010d\u010aX-Injected: 1';

describe('header injection through the manager and request()', () => {
  it('top-level request() refuses U+010D U+010A in a header value before connecting', async () => {
    await using raw = await startRawServer(
      serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    );
    await expect(
      request('GET', `${raw.url}/`, { headers: { 'X-A': INJECTION } }),
    ).rejects.toBeInstanceOf(InvalidHeader);
    expect(raw.totalConnections).toBe(0);
  });

  it('manager default headers with U+010A are refused before connecting', async () => {
    await using raw = await startRawServer(
      serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    );
    const manager = new PoolManager({ headers: { 'X-A': INJECTION } });
    try {
      await expect(manager.request('GET', `${raw.url}/`)).rejects.toBeInstanceOf(InvalidHeader);
      expect(raw.totalConnections).toBe(0);
    } finally {
      manager.clear();
    }
  });

  it('a cross-host redirect re-validates the headers it carries and encodes the target', async () => {
    await using target = await startRawServer(
      serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    );
    await using origin = await startRawServer(
      serveBytes(
        `HTTP/1.1 302 Found\r\nLocation: ${target.url}/\u00e9 x\r\nContent-Length: 0\r\n\r\n`,
      ),
    );
    const manager = new PoolManager();
    try {
      const r = await manager.request('GET', `${origin.url}/`, { headers: { 'X-A': 'caf\xe9' } });
      expect(r.status).toBe(200);
      const sent = target.requests.at(-1)!;
      expect(sent.toString('latin1').split('\r\n')[0]).toBe('GET /%C3%A9%20x HTTP/1.1');
      expect(sent.includes(Buffer.from('X-A: caf\xe9\r\n', 'latin1'))).toBe(true);
    } finally {
      manager.clear();
    }
  });
});
