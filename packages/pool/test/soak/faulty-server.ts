import {
  patternBytes,
  type RawConnection,
  type RawServer,
  startRawServer,
} from '@urlpool/test-server';

/** What the soak asks the server to do with one request (named in its target). */
export type SoakFault = 'ok' | 'reset' | 'truncate' | 'garbage' | 'stall';

/** The faults the soak injects, in equal shares of the faulty requests. */
export const SOAK_FAULTS: readonly SoakFault[] = ['reset', 'truncate', 'garbage', 'stall'];

/** Broken responses for `garbage`; each is invalid whatever parser strictness applies. */
const GARBAGE: readonly string[] = [
  '\x00\x01\x02 not http at all\r\n\r\n',
  'HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: zz\r\n\r\n',
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!',
];

/** The target of soak request `i`: what to do, body size, framing, whether to close. */
export function soakTarget(
  i: number,
  fault: SoakFault,
  size: number,
  chunked: boolean,
  close: boolean,
): string {
  return `/soak?i=${i}&f=${fault}&n=${size}&c=${chunked ? 1 : 0}&x=${close ? 1 : 0}`;
}

/** The body a successful soak request gets (checked byte for byte by the client). */
export function soakBody(i: number, size: number): Buffer {
  return patternBytes(size, i);
}

/**
 * A raw loopback server answering soak requests: a valid response (Content-Length or chunked,
 * sometimes `Connection: close`), or the fault named in the target. Keep-alive otherwise.
 */
export function startFaultyServer(): Promise<RawServer> {
  // Not recorded: 100 000 requests' bytes would grow the heap the soak measures.
  return startRawServer(serveSoak, { recordRequests: false });
}

async function serveSoak(conn: RawConnection): Promise<void> {
  for (;;) {
    let request: Buffer;
    try {
      request = await conn.readRequest();
    } catch {
      return; // the client closed the connection
    }
    const line = request.toString('latin1', 0, request.indexOf('\r\n'));
    const params = new URL(line.split(' ')[1] ?? '/', 'http://soak').searchParams;
    const i = Number(params.get('i'));
    const fault = params.get('f') as SoakFault;
    const size = Number(params.get('n'));
    switch (fault) {
      case 'reset':
        // An RST, before or in the middle of a response.
        if (i % 2 === 0)
          await conn.write(`HTTP/1.1 200 OK\r\nContent-Length: ${size + 10}\r\n\r\nab`);
        conn.socket.resetAndDestroy();
        return;
      case 'truncate':
        await conn.end(
          Buffer.concat([
            Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${size + 100}\r\n\r\n`, 'latin1'),
            soakBody(i, size),
          ]),
        );
        return;
      case 'garbage':
        await conn.write(GARBAGE[i % GARBAGE.length]!);
        // Leave it to the client to give up on the connection (it must not reuse it).
        continue;
      case 'stall':
        // Half a head, then nothing: the client's read timeout has to end it.
        if (i % 2 === 0) await conn.write('HTTP/1.1 200 OK\r\nContent-');
        await conn.closed;
        return;
      default:
        await conn.write(okResponse(i, size, params.get('c') === '1', params.get('x') === '1'));
        if (params.get('x') === '1') {
          await conn.end();
          return;
        }
    }
  }
}

function okResponse(i: number, size: number, chunked: boolean, close: boolean): Buffer {
  const body = soakBody(i, size);
  const connection = close ? 'Connection: close\r\n' : '';
  if (!chunked) {
    return Buffer.concat([
      Buffer.from(`HTTP/1.1 200 OK\r\n${connection}Content-Length: ${size}\r\n\r\n`, 'latin1'),
      body,
    ]);
  }
  const half = size >> 1;
  const parts: Buffer[] = [
    Buffer.from(`HTTP/1.1 200 OK\r\n${connection}Transfer-Encoding: chunked\r\n\r\n`, 'latin1'),
  ];
  for (const piece of [body.subarray(0, half), body.subarray(half)]) {
    if (piece.length > 0)
      parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}
