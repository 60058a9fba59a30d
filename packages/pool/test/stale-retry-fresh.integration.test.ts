import { ProtocolError } from '@urlpool/core';
import { type RawConnection, startRawServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { rejection } from './helpers/rejection.ts';

// Found by the soak: a request that failed on a reused connection before any response byte
// was "retried on a fresh connection" by taking the next idle one, so a path the server always
// resets went through every idle connection of the pool and killed them all (maxsize + 1
// attempts). The retry must use a fresh connection, as the contract says.

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

/** Answers every request with OK, except `/reset`, which gets a TCP reset and no byte. */
async function resetOnPath(conn: RawConnection): Promise<void> {
  for (;;) {
    let request: Buffer;
    try {
      request = await conn.readRequest();
    } catch {
      return;
    }
    if (request.toString('latin1').startsWith('GET /reset ')) {
      conn.socket.resetAndDestroy();
      return;
    }
    await conn.write(OK);
  }
}

describe.each([false, true])('the stale-connection retry (block: %s)', (block) => {
  it('uses one fresh connection, not every idle one', async () => {
    const raw = await startRawServer(resetOnPath);
    const pool = new HTTPConnectionPool('127.0.0.1', {
      port: raw.port,
      maxsize: 4,
      block,
      retries: false,
    });
    try {
      await Promise.all(Array.from({ length: 4 }, () => pool.request('GET', '/warm')));
      expect(pool.stats).toEqual({ open: 4, idle: 4, active: 0, queued: 0 });
      const error = await rejection(pool.request('GET', '/reset'));
      expect(error).toBeInstanceOf(ProtocolError);
      const resets = raw.requests.filter((q) => q.toString('latin1').startsWith('GET /reset '));
      // The reused connection, then one fresh one: two attempts, two sockets gone.
      expect(resets).toHaveLength(2);
      expect(raw.totalConnections).toBe(5);
      expect(pool.stats.idle).toBe(3);
      expect(pool.stats.active).toBe(0);
      // The pool still works on what is left.
      expect((await pool.request('GET', '/after')).data.toString()).toBe('ok');
    } finally {
      pool.close();
      await raw.close();
    }
  });
});
