import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import { type AddressInfo, connect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ConnectionTracker } from '../connection-tracker.ts';

/** What the proxy does with a CONNECT (or a forwarded request). */
export type ConnectProxyFault =
  /** Tunnel as a proxy should. */
  | 'none'
  /** Answer `403 Forbidden`. */
  | 'refuse'
  /** Never answer (a slow or stuck proxy). */
  | 'never-answer'
  /** Answer bytes that are not HTTP. */
  | 'garbage'
  /** Close the connection without answering. */
  | 'close-before-answer'
  /** Tunnel, then reset the client connection after `resetAfterBytes` bytes from the origin. */
  | 'reset-mid-tunnel';

/** Options of {@link startConnectProxy}. */
export interface ConnectProxyOptions {
  /** Require `Proxy-Authorization: Basic` with these credentials (407 otherwise). */
  readonly auth?: { readonly username: string; readonly password: string };
  /** Misbehave this way. @default 'none' */
  readonly fault?: ConnectProxyFault;
  /** For `reset-mid-tunnel`: origin bytes passed on before the reset. @default 1024 */
  readonly resetAfterBytes?: number;
  /** Wait this long (ms) before answering CONNECT. @default 0 */
  readonly answerDelayMs?: number;
  /** Speak TLS to clients (an `https://` proxy). */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** CA that signs the origins of forwarded `https://` requests. @default Node's roots */
  readonly upstreamCa?: string | Buffer;
}

/** A request the proxy received: a CONNECT or a forwarded absolute-form request. */
export interface ProxyRequestRecord {
  readonly method: string;
  /** `host:port` for CONNECT, the absolute URL for forwarded requests. */
  readonly target: string;
  /** Header lines in arrival order and case. */
  readonly rawHeaders: ReadonlyArray<readonly [string, string]>;
  /** Proxy-side client connection number (1-based). */
  readonly socketId: number;
}

/** A running CONNECT proxy; see {@link startConnectProxy}. */
export interface ConnectProxy extends AsyncDisposable {
  /** `http://127.0.0.1:PORT` (or `https://localhost:PORT` with `tls`). */
  readonly url: string;
  readonly port: number;
  /** Every CONNECT and forwarded request, in arrival order. */
  readonly requests: ProxyRequestRecord[];
  /** With `tls`: the SNI name of each TLS client connection (`false` when none was sent). */
  readonly servernames: Array<string | false>;
  /** Client connections accepted so far. */
  readonly totalConnections: number;
  /** Client connections open now. */
  readonly openConnections: number;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);

function isLoopback(host: string): boolean {
  const h = host.startsWith('[') ? host.slice(1, -1) : host;
  if (LOOPBACK_NAMES.has(h.toLowerCase())) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1';
}

/**
 * A small HTTP proxy on 127.0.0.1 (port 0) for tests: tunnels `CONNECT` and forwards
 * absolute-form requests, only to loopback destinations, records what it received, and can
 * misbehave on purpose (refusal, 407, no answer, garbage, reset mid-tunnel).
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const fault = options.fault ?? 'none';
  const requests: ProxyRequestRecord[] = [];
  const tracker = new ConnectionTracker();
  const socketIds = new WeakMap<Socket, number>();
  let nextSocketId = 1;
  const server: Server =
    options.tls === undefined
      ? createHttpServer()
      : createHttpsServer({ key: options.tls.key, cert: options.tls.cert });
  tracker.attach(server);
  server.on('connection', (socket: Socket) => socketIds.set(socket, nextSocketId++));
  const servernames: Array<string | false> = [];
  server.on('secureConnection', (socket: Socket & { servername?: string | false }) => {
    servernames.push(socket.servername ?? false);
    // The TLS socket wraps the TCP one; both count as the same client connection.
    socketIds.set(socket, nextSocketId - 1);
  });
  const expected =
    options.auth === undefined
      ? undefined
      : `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
  const record = (req: IncomingMessage, target: string): void => {
    const raw: Array<[string, string]> = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      raw.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
    requests.push({
      method: req.method ?? '',
      target,
      rawHeaders: raw,
      socketId: socketIds.get(req.socket) ?? 0,
    });
  };
  const authorized = (req: IncomingMessage): boolean =>
    expected === undefined || req.headers['proxy-authorization'] === expected;

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    client.on('error', () => {});
    // node:http sockets allow half-open connections: a client that went away must close ours.
    client.once('end', () => client.destroy());
    const target = req.url ?? '';
    record(req, target);
    const answer = (): void => {
      if (fault === 'never-answer') return;
      if (fault === 'garbage') {
        client.end('\x00\x01garbage, not HTTP\r\n\r\n');
        return;
      }
      if (fault === 'close-before-answer') {
        client.destroy();
        return;
      }
      if (fault === 'refuse') {
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      if (!authorized(req)) {
        client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n' +
            'Content-Length: 0\r\nConnection: close\r\n\r\n',
        );
        return;
      }
      const colon = target.lastIndexOf(':');
      const host = target.slice(0, colon).replace(/^\[|\]$/g, '');
      const port = Number(target.slice(colon + 1));
      if (!isLoopback(host) || !Number.isInteger(port)) {
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const upstream = connect({ host, port });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.once('connect', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        client.pipe(upstream);
        if (fault === 'reset-mid-tunnel') {
          let passed = 0;
          const limit = options.resetAfterBytes ?? 1024;
          upstream.on('data', (chunk: Buffer) => {
            const room = limit - passed;
            if (room > 0) client.write(chunk.subarray(0, room));
            passed += chunk.length;
            if (passed >= limit) {
              const s = client as Socket;
              if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
              else s.destroy();
              upstream.destroy();
            }
          });
        } else {
          upstream.pipe(client);
        }
      });
    };
    if ((options.answerDelayMs ?? 0) > 0) setTimeout(answer, options.answerDelayMs);
    else answer();
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '';
    record(req, target);
    if (!authorized(req)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"', 'Content-Length': 0 });
      res.end();
      return;
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      res.writeHead(400, { 'Content-Length': 0 });
      res.end();
      return;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isLoopback(url.hostname)) {
      res.writeHead(403, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      if (/^proxy-/i.test(name)) continue;
      const prev = headers[name];
      const value = req.rawHeaders[i + 1]!;
      headers[name] = prev === undefined ? value : ([] as string[]).concat(prev, value);
    }
    const secure = url.protocol === 'https:';
    const upstream = (secure ? httpsRequest : httpRequest)(
      {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || (secure ? 443 : 80),
        ...(secure && options.upstreamCa !== undefined ? { ca: options.upstreamCa } : {}),
        ...(secure && isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0
          ? { servername: url.hostname }
          : {}),
        method: req.method,
        path: url.pathname + url.search,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Length': 0 });
      res.end();
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = async (): Promise<void> => {
    server.close();
    await tracker.destroyAll();
  };
  return {
    url: options.tls === undefined ? `http://127.0.0.1:${port}` : `https://localhost:${port}`,
    port,
    requests,
    servernames,
    get totalConnections() {
      return tracker.total;
    },
    get openConnections() {
      return tracker.sockets.size;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
