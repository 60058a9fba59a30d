import { ProtocolError } from '@urlpool/core';
import { type RawConnection, startRawServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

/**
 * Answers the first request on each connection, then closes the connection as soon as the
 * next request arrives, without answering: the race of a keep-alive connection the server
 * drops just as the client reuses it.
 */
async function answerOnceThenDrop(conn: RawConnection): Promise<void> {
  try {
    await conn.readRequest();
    await conn.write(OK);
    await conn.readRequest();
  } catch {
    return;
  }
  conn.destroy();
}

describe('a reused connection that fails before any response byte', () => {
  it('is retried on a fresh connection for idempotent methods, without spending a retry', async () => {
    const raw = await startRawServer(answerOnceThenDrop);
    const pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: false });
    try {
      expect((await pool.request('GET', '/a')).data.toString()).toBe('ok');
      const second = await pool.request('GET', '/b');
      expect(second.data.toString()).toBe('ok');
      expect(raw.totalConnections).toBe(2);
    } finally {
      pool.close();
      await raw.close();
    }
  });

  it('is not retried for POST: the error surfaces', async () => {
    const raw = await startRawServer(answerOnceThenDrop);
    const pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: false });
    try {
      await pool.request('POST', '/a', { body: 'x' });
      await expect(pool.request('POST', '/b', { body: 'y' })).rejects.toBeInstanceOf(ProtocolError);
      expect(pool.stats.open).toBe(0);
    } finally {
      pool.close();
      await raw.close();
    }
  });
});
