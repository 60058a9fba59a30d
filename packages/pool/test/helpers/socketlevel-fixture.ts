// Helpers for the urllib3 socket-level ports: a raw server per test, driven through the pool.
import { type RawHandler, type RawServer, startRawServer } from '@urlpool/test-server';
import { afterEach } from 'vitest';
import { HTTPConnectionPool, type HTTPConnectionPoolOptions } from '../../src/index.ts';

export { HTTPConnectionPool };

/** urllib3's SHORT_TIMEOUT / LONG_TIMEOUT, in milliseconds. */
export const SHORT_TIMEOUT = 200;
export const LONG_TIMEOUT = 2000;

const servers: RawServer[] = [];
const pools: HTTPConnectionPool[] = [];

afterEach(async () => {
  for (const pool of pools.splice(0)) pool.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Starts a raw server for the current test (closed after it). */
export async function rawServer(handler: RawHandler, host?: string): Promise<RawServer> {
  const server = await startRawServer(handler, host === undefined ? {} : { host });
  servers.push(server);
  return server;
}

/** A pool to `server` (closed after the test). */
export function poolFor(
  server: Pick<RawServer, 'port'> & { readonly host?: string },
  options: HTTPConnectionPoolOptions = {},
): HTTPConnectionPool {
  const host = server.host ?? '127.0.0.1';
  const pool = new HTTPConnectionPool(host, { port: server.port, ...options });
  pools.push(pool);
  return pool;
}

/** A promise with its resolve function, urllib3's threading.Event. */
export function event(): { readonly wait: Promise<void>; set(): void } {
  let set!: () => void;
  const wait = new Promise<void>((resolve) => {
    set = resolve;
  });
  return { wait, set };
}

/** The head of a request, as latin1 text up to and including the blank line. */
export function headOf(request: Buffer): string {
  const text = request.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n') + 4);
}

/** The body bytes of a request (after the blank line), as latin1 text. */
export function bodyOf(request: Buffer): string {
  const text = request.toString('latin1');
  return text.slice(text.indexOf('\r\n\r\n') + 4);
}

/** A `text/plain` response with a Content-Length for `body`. */
export function plainResponse(body: string, extra = ''): string {
  return `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
