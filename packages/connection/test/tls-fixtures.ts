import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer, type Server, type TLSSocket, type TlsOptions } from 'node:tls';
import type { ConnectRequest } from '@urlpool/core';

/** What a test TLS server saw. */
export interface TlsServerLog {
  /** SNI name of each handshake (false when none was sent). */
  readonly servernames: Array<string | false>;
  /** Server-side TLS sockets, in accept order. */
  readonly sockets: TLSSocket[];
  /** Key log lines the server side emitted. */
  readonly keylog: string[];
  /** Client certificate CN of each handshake (undefined without one), and whether it verified. */
  readonly clients: Array<{ cn: string | undefined; authorized: boolean }>;
}

/** A TLS server on 127.0.0.1 whose sockets all say "hello" and stay open until the client ends. */
export interface TestTlsServer {
  readonly port: number;
  readonly log: TlsServerLog;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startTlsServer(
  options: TlsOptions,
  listenHost = '127.0.0.1',
): Promise<TestTlsServer> {
  const log: TlsServerLog = { servernames: [], sockets: [], keylog: [], clients: [] };
  const server = createServer({ ALPNProtocols: ['http/1.1'], ...options }, (socket) => {
    socket.on('error', () => {});
    socket.write('hello');
    socket.on('end', () => socket.end());
  });
  const raw = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    raw.add(socket);
    socket.on('close', () => raw.delete(socket));
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    log.sockets.push(socket);
    log.servernames.push((socket as TLSSocket & { servername: string | false }).servername);
    const peer = socket.getPeerCertificate();
    const cn = peer?.subject?.CN;
    log.clients.push({ cn: Array.isArray(cn) ? cn.join(',') : cn, authorized: socket.authorized });
  });
  server.on('keylog', (line: Buffer) => log.keylog.push(line.toString('latin1')));
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    log,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of raw) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that accepts and then does nothing (or destroys at once), for handshake faults. */
export async function startSilentServer(
  mode: 'silent' | 'reset',
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    socket.on('error', () => {});
    if (mode === 'reset') {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function connectRequest(
  host: string,
  port: number,
  extra: Partial<Pick<ConnectRequest, 'timeout' | 'signal'>> = {},
): ConnectRequest {
  return {
    host,
    port,
    timeout: extra.timeout ?? 10_000,
    signal: extra.signal,
    sourceAddress: undefined,
    socketOptions: { noDelay: true, keepAlive: false },
  };
}

/** Reads the server's greeting and ends the socket (so the server side closes too). */
export async function readGreetingAndClose(socket: Duplex): Promise<string> {
  const chunk = await new Promise<Buffer>((resolve, reject) => {
    socket.once('data', resolve);
    socket.once('error', reject);
  });
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.end();
  });
  return chunk.toString();
}

/** Polls until `condition()` holds (server-side events may trail the client's by a turn). */
export async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Awaits a promise that must reject, returning the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    const value = await promise;
    (value as Duplex | undefined)?.destroy?.();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
