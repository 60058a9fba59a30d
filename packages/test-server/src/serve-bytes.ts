import type { RawConnection } from './raw-connection.ts';
import type { RawHandler } from './raw-server.ts';

/** Fixed response bytes, or a function of the request bytes and its index on the connection. */
export type RawResponse = string | Buffer | ((request: Buffer, index: number) => string | Buffer);

function responseFor(response: RawResponse, request: Buffer, index: number): string | Buffer {
  return typeof response === 'function' ? response(request, index) : response;
}

/**
 * A raw handler answering every request on a connection with `response` and keeping the
 * connection open (keep-alive) until the client closes it.
 *
 * @example
 * ```ts
 * const raw = await startRawServer(serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
 * ```
 */
export function serveBytes(response: RawResponse): RawHandler {
  return async (conn: RawConnection) => {
    for (let index = 0; ; index++) {
      let request: Buffer;
      try {
        request = await conn.readRequest();
      } catch {
        return; // client closed the connection
      }
      await conn.write(responseFor(response, request, index));
    }
  };
}

/** Same as {@link serveBytes} (keep-alive answers with exact bytes). */
export const respondWith: (response: RawResponse) => RawHandler = serveBytes;

/** A raw handler answering the first request with `response`, then closing the connection. */
export function serveBytesThenClose(response: RawResponse): RawHandler {
  return async (conn: RawConnection) => {
    let request: Buffer;
    try {
      request = await conn.readRequest();
    } catch {
      return;
    }
    await conn.end(responseFor(response, request, 0));
  };
}
