import { IncompleteRead, InvalidChunkLength, ProtocolError } from '@urlpool/core';
import {
  type RawHandler,
  serveBytes,
  serveBytesThenClose,
  startRawServer,
} from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

async function withRawPool(
  handler: RawHandler,
  run: (pool: HTTPConnectionPool, rawConnections: () => number) => Promise<void>,
): Promise<void> {
  const raw = await startRawServer(handler);
  const pool = new HTTPConnectionPool('127.0.0.1', {
    port: raw.port,
    retries: false,
    maxsize: 1,
    block: true,
  });
  try {
    await run(pool, () => raw.connections);
  } finally {
    pool.close();
    await raw.close();
  }
}

/** After a failure the slot must be free and the socket gone. */
async function expectSlotFreed(
  pool: HTTPConnectionPool,
  rawConnections: () => number,
): Promise<void> {
  expect(pool.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
  for (let i = 0; i < 100 && rawConnections() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(rawConnections()).toBe(0);
}

describe('malformed and truncated responses', () => {
  it('garbage status line: ProtocolError, connection discarded', async () => {
    await withRawPool(serveBytes('SSH-2.0-OpenSSH_9.0\r\n\r\n'), async (pool, conns) => {
      await expect(pool.request('GET', '/')).rejects.toThrow(/Invalid response status line/);
      await expectSlotFreed(pool, conns);
    });
  });

  it('oversized headers: ProtocolError', async () => {
    const huge = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`;
    await withRawPool(serveBytes(huge), async (pool, conns) => {
      await expect(pool.request('GET', '/')).rejects.toThrow(/exceeds 65536 bytes/);
      await expectSlotFreed(pool, conns);
    });
  });

  it('too many headers: ProtocolError', async () => {
    const many = `HTTP/1.1 200 OK\r\n${Array.from({ length: 150 }, (_, i) => `X-${i}: v\r\n`).join('')}Content-Length: 0\r\n\r\n`;
    await withRawPool(serveBytes(many), async (pool, conns) => {
      await expect(pool.request('GET', '/')).rejects.toThrow(/too many headers/);
      await expectSlotFreed(pool, conns);
    });
  });

  it('bad chunk size: InvalidChunkLength', async () => {
    await withRawPool(
      serveBytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\nXYZ\r\n'),
      async (pool, conns) => {
        const error = await pool.request('GET', '/').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidChunkLength);
        expect(error).toBeInstanceOf(ProtocolError);
        await expectSlotFreed(pool, conns);
      },
    );
  });

  it('short Content-Length body: IncompleteRead with the counts', async () => {
    await withRawPool(
      serveBytesThenClose('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-this'),
      async (pool, conns) => {
        const error = await pool.request('GET', '/').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IncompleteRead);
        expect((error as Error).message).toBe('IncompleteRead(9 bytes read, 91 more expected)');
        await expectSlotFreed(pool, conns);
      },
    );
  });

  it('short body is returned as is when enforceContentLength is false', async () => {
    await withRawPool(
      serveBytesThenClose('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-this'),
      async (pool, conns) => {
        const r = await pool.request('GET', '/', { enforceContentLength: false });
        expect(r.data.toString()).toBe('only-this');
        await expectSlotFreed(pool, conns);
      },
    );
  });

  it('truncated chunked body: ProtocolError', async () => {
    await withRawPool(
      serveBytesThenClose('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc'),
      async (pool, conns) => {
        await expect(pool.request('GET', '/')).rejects.toBeInstanceOf(IncompleteRead);
        await expectSlotFreed(pool, conns);
      },
    );
  });

  it('connection closed without any response: ProtocolError', async () => {
    await withRawPool(serveBytesThenClose(''), async (pool, conns) => {
      await expect(pool.request('GET', '/')).rejects.toThrow(/without response/);
      await expectSlotFreed(pool, conns);
    });
  });

  it('close-delimited body (no framing) is read to the end', async () => {
    await withRawPool(
      serveBytesThenClose('HTTP/1.1 200 OK\r\n\r\nuntil-close'),
      async (pool, conns) => {
        const r = await pool.request('GET', '/');
        expect(r.data.toString()).toBe('until-close');
        await expectSlotFreed(pool, conns);
      },
    );
  });

  it('skips 1xx responses and parses trailers', async () => {
    await withRawPool(
      serveBytes(
        'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n',
      ),
      async (pool) => {
        const first = await pool.request('GET', '/');
        expect(first.data.toString()).toBe('abc');
        const second = await pool.request('GET', '/');
        expect(second.data.toString()).toBe('abc');
        expect(pool.numConnections).toBe(1);
      },
    );
  });

  it('HEAD, 204 and 304 carry no body even with Content-Length, and the connection is reused', async () => {
    await withRawPool(
      serveBytes((request) => {
        const line = request.toString('latin1', 0, request.indexOf('\r\n'));
        if (line.startsWith('HEAD')) return 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n';
        if (line.includes('/204')) return 'HTTP/1.1 204 No Content\r\nContent-Length: 1000\r\n\r\n';
        return 'HTTP/1.1 304 Not Modified\r\nContent-Length: 1000\r\n\r\n';
      }),
      async (pool) => {
        const head = await pool.request('HEAD', '/');
        expect(head.status).toBe(200);
        expect(head.data.length).toBe(0);
        expect(head.headers.get('content-length')).toBe('1000');
        expect((await pool.request('GET', '/204')).data.length).toBe(0);
        expect((await pool.request('GET', '/304')).data.length).toBe(0);
        expect(pool.numConnections).toBe(1);
      },
    );
  });

  it('bytes after a complete response make the connection unusable', async () => {
    await withRawPool(
      serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokJUNK'),
      async (pool, conns) => {
        const r = await pool.request('GET', '/');
        expect(r.data.toString()).toBe('ok');
        await expectSlotFreed(pool, conns);
      },
    );
  });
});
