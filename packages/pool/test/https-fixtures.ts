import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket, TlsOptions } from 'node:tls';

/** What the TLS facts server reports about the connection a request came on. */
export interface TlsFacts {
  /** SNI name the client sent, or false. */
  readonly servername: string | false;
  /** Whether this connection resumed an earlier TLS session (server side). */
  readonly reused: boolean;
  /** Negotiated protocol version, e.g. 'TLSv1.3'. */
  readonly protocol: string | null;
  /** Negotiated cipher name. */
  readonly cipher: string;
  /** Negotiated ALPN protocol, or false. */
  readonly alpn: string | false;
  /** The Host header of the request. */
  readonly host: string | undefined;
  /** Client certificate CN (mutual TLS), or null. */
  readonly clientCn: string | null;
  /** Server-side connection number, equal for requests on one connection. */
  readonly socketId: number;
}

/** An HTTPS server whose every response is the {@link TlsFacts} of the request's connection. */
export interface TlsFactsServer {
  readonly port: number;
  /** Key log lines of the server side (NSS format), in order. */
  readonly keylog: string[];
  /** Server-side sockets open now. */
  readonly openSockets: number;
  /** Resolves once no server-side socket is open. */
  waitForNoSockets(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the facts server on `host` (loopback). `/close` answers with `Connection: close`, so the
 * next request needs a new connection (for session resumption tests).
 */
export async function startTlsFactsServer(
  options: TlsOptions,
  host = '127.0.0.1',
): Promise<TlsFactsServer> {
  const sockets = new Set<Socket>();
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  const server: Server = createServer(options, (req, res) => {
    const socket = req.socket as TLSSocket;
    let socketId = ids.get(socket);
    if (socketId === undefined) {
      socketId = nextId++;
      ids.set(socket, socketId);
    }
    const peer = socket.getPeerCertificate();
    const cn = peer?.subject?.CN;
    const facts: TlsFacts = {
      servername: (socket as TLSSocket & { servername: string | false }).servername,
      reused: socket.isSessionReused(),
      protocol: socket.getProtocol(),
      cipher: socket.getCipher().name,
      alpn: socket.alpnProtocol ?? false,
      host: req.headers.host,
      clientCn: cn === undefined ? null : Array.isArray(cn) ? cn.join(',') : cn,
      socketId,
    };
    const body = JSON.stringify(facts);
    if (req.url === '/close') res.setHeader('Connection', 'close');
    res.setHeader('Content-Type', 'application/json');
    res.end(body);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {});
  const keylog: string[] = [];
  server.on('keylog', (line: Buffer) => keylog.push(line.toString('latin1').trim()));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    keylog,
    get openSockets() {
      return sockets.size;
    },
    async waitForNoSockets() {
      const deadline = Date.now() + 5000;
      while (sockets.size > 0) {
        if (Date.now() > deadline) throw new Error(`${sockets.size} server socket(s) still open`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Awaits a promise that must reject and returns the rejection. */
export { rejection as rejectionOf } from './helpers/rejection.ts';
