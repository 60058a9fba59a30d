import { type AddressInfo, createServer, type Socket } from 'node:net';
import { createRawConnection, type RawConnection } from './raw-connection.ts';

/** Options of {@link startRawServer}. */
export interface RawServerOptions {
  /**
   * Loopback address to bind; `'::1'` for IPv6.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Keep every request's bytes in `requests`; turn off for long runs (soaks), where only
   * `requestsSeen` is counted.
   * @default true
   */
  recordRequests?: boolean;
}

/** A running raw TCP server; see {@link startRawServer}. */
export interface RawServer extends AsyncDisposable {
  /** `http://host:port` (the server speaks whatever bytes the handler writes). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Connections open now. */
  readonly connections: number;
  /** Highest number of simultaneously open connections. */
  readonly maxConnections: number;
  /** Connections accepted so far. */
  readonly totalConnections: number;
  /** Requests handed out by `readRequest()` so far, over all connections. */
  readonly requestsSeen: number;
  /** The bytes of every request handed out by `readRequest()`, in order (if recorded). */
  readonly requests: Buffer[];
  /** Destroys every connection and stops listening. Idempotent. */
  close(): Promise<void>;
}

/** A raw server's per-connection script. A throw or rejection destroys the connection. */
export type RawHandler = (conn: RawConnection) => void | Promise<void>;

/**
 * Starts a TCP server on a free loopback port that hands every accepted connection to
 * `handler`, for answering with exact (possibly broken) bytes.
 *
 * @example
 * ```ts
 * await using raw = await startRawServer(async (conn) => {
 *   await conn.readRequest();
 *   await conn.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
 * });
 * ```
 */
export async function startRawServer(
  handler: RawHandler,
  options: RawServerOptions = {},
): Promise<RawServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const requests: Buffer[] = [];
  const record = options.recordRequests ?? true;
  let seen = 0;
  let total = 0;
  let max = 0;
  const onRequest = (request: Buffer): void => {
    seen++;
    if (record) requests.push(request);
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    total++;
    if (sockets.size > max) max = sockets.size;
    socket.once('close', () => sockets.delete(socket));
    const conn = createRawConnection(socket, total, onRequest);
    Promise.resolve()
      .then(() => handler(conn))
      .catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    // Resolve only after every socket's own 'close' ran, so `connections` reads 0 afterwards.
    closing ??= Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      ...[...sockets].map(
        (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()).destroy()),
      ),
    ]).then(() => {});
    return closing;
  };

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    get connections() {
      return sockets.size;
    },
    get maxConnections() {
      return max;
    },
    get totalConnections() {
      return total;
    },
    get requestsSeen() {
      return seen;
    },
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}
