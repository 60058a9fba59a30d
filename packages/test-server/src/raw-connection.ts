import type { Socket } from 'node:net';
import { findRequestEnd } from './raw-request-end.ts';

/** Error code of the rejection when a connection closes before a full request arrived. */
export const RAW_CONNECTION_CLOSED = 'ERR_RAW_CONNECTION_CLOSED';

/** One accepted connection of a raw server, for scripting exact bytes. */
export interface RawConnection {
  /** The server-side socket. */
  readonly socket: Socket;
  /** Connection number on this server, from 1. */
  readonly id: number;
  /**
   * Resolves with the next complete request's bytes (head, plus a `Content-Length` or chunked
   * body). Rejects with code `ERR_RAW_CONNECTION_CLOSED` if the peer closes first, or after
   * `timeoutMs` when given.
   */
  readRequest(timeoutMs?: number): Promise<Buffer>;
  /**
   * Writes bytes; a string is written as latin1 (one byte per character, so `'\xff'` is
   * byte 0xff). Resolves when the bytes were handed to the OS.
   */
  write(bytes: string | Buffer): Promise<void>;
  /** Writes optional final bytes and half-closes (FIN); resolves when the socket closed or finished. */
  end(bytes?: string | Buffer): Promise<void>;
  /** Resets the connection at once. */
  destroy(): void;
  /** Resolves when the socket has closed. */
  readonly closed: Promise<void>;
}

function toBuffer(bytes: string | Buffer): Buffer {
  return typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
}

function closedError(partial: Buffer): Error {
  const error = new Error(
    `raw connection closed before a complete request arrived (${partial.length} bytes pending)`,
  );
  (error as Error & { code: string }).code = RAW_CONNECTION_CLOSED;
  return error;
}

/** Wraps an accepted socket; `onRequest` is called for each request `readRequest` returns. */
export function createRawConnection(
  socket: Socket,
  id: number,
  onRequest: (request: Buffer) => void,
): RawConnection {
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  let waiter: { resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;

  const take = (): Buffer | null => {
    const end = findRequestEnd(pending);
    if (end === -1) return null;
    const request = pending.subarray(0, end);
    pending = pending.subarray(end);
    onRequest(request);
    return request;
  };
  const settle = (): void => {
    if (waiter === null) return;
    const request = take();
    if (request !== null) {
      const w = waiter;
      waiter = null;
      w.resolve(request);
    } else if (ended) {
      const w = waiter;
      waiter = null;
      w.reject(closedError(pending));
    }
  };

  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    settle();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => {
    socket.once('close', () => {
      ended = true;
      settle();
      resolve();
    });
  });
  socket.once('end', () => {
    ended = true;
    settle();
  });

  return {
    socket,
    id,
    closed,
    readRequest(timeoutMs) {
      if (waiter !== null) return Promise.reject(new Error('readRequest is already pending'));
      return new Promise<Buffer>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        waiter = {
          resolve: (b) => {
            clearTimeout(timer);
            resolve(b);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            waiter = null;
            reject(new Error(`no complete request within ${timeoutMs} ms`));
          }, timeoutMs);
        }
        settle();
      });
    },
    write(bytes) {
      return new Promise((resolve) => {
        if (socket.destroyed) resolve();
        else socket.write(toBuffer(bytes), () => resolve());
      });
    },
    end(bytes) {
      return new Promise((resolve) => {
        if (socket.destroyed) {
          resolve();
          return;
        }
        socket.once('close', () => resolve());
        if (bytes === undefined) socket.end(() => resolve());
        else socket.end(toBuffer(bytes), () => resolve());
      });
    },
    destroy() {
      socket.destroy();
    },
  };
}
