import { MaxRetryError, ProtocolError } from '@urlpool/core';
import { serveBytes, startRawServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

// Issue 9 items 8 and 12: a status outside 100–999 and an unrequested 101 are ProtocolErrors,
// retried like any other ProtocolError, and their connection is never reused.

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

describe('invalid statuses are ProtocolErrors', () => {
  it('a status of 099 is retried like a ProtocolError, on a new connection', async () => {
    let served = 0;
    await using raw = await startRawServer(
      serveBytes(() => (served++ === 0 ? 'HTTP/1.1 099 X\r\n\r\n' : OK)),
    );
    const pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: 1 });
    try {
      const r = await pool.request('GET', '/');
      expect(r.status).toBe(200);
      expect(r.data.toString()).toBe('ok');
      expect(raw.totalConnections).toBe(2);
    } finally {
      pool.close();
    }
  });

  it('without retries a status of 000 is a MaxRetryError whose reason is a ProtocolError', async () => {
    await using raw = await startRawServer(serveBytes('HTTP/1.1 000 X\r\n\r\n'));
    const pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: 0 });
    try {
      const error = await pool.request('GET', '/').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MaxRetryError);
      expect((error as MaxRetryError).reason).toBeInstanceOf(ProtocolError);
      expect(pool.stats).toMatchObject({ open: 0, active: 0 });
    } finally {
      pool.close();
    }
  });

  it('an unrequested 101 is a ProtocolError and its connection is not reused', async () => {
    await using raw = await startRawServer(
      serveBytes('HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n'),
    );
    const pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: false });
    try {
      await expect(pool.request('GET', '/')).rejects.toThrow(/Unexpected 101/);
      await expect(pool.request('GET', '/')).rejects.toThrow(ProtocolError);
      expect(raw.totalConnections).toBe(2);
    } finally {
      pool.close();
    }
  });
});
