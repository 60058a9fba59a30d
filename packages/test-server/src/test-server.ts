import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { SecureContextOptions, TlsOptions } from 'node:tls';
import { ConnectionTracker } from './connection-tracker.ts';
import { matchRoute } from './router.ts';
import type { RecordedRequest, ServerState } from './types.ts';
import { sendJson } from './util.ts';

/** TLS settings for {@link startTestServer}; the server then speaks HTTPS. */
export interface TestServerTlsOptions {
  /** PEM private key of the server certificate. */
  key: string | Buffer;
  /** PEM server certificate (chain). */
  cert: string | Buffer;
  /** PEM CA certificate(s) used to verify client certificates. */
  ca?: string | Buffer;
  /**
   * Ask clients for a certificate (mutual TLS).
   * @default false
   */
  requestCert?: boolean;
  /**
   * With `requestCert`, refuse the handshake when the client sends no certificate or one `ca`
   * does not verify. Set `false` to accept any client and inspect `/anything`'s `clientCert`.
   * @default true
   */
  rejectUnauthorized?: boolean;
  /** Any further `tls.createServer` options (e.g. `minVersion`, `ALPNProtocols`). */
  extra?: TlsOptions & SecureContextOptions;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /**
   * Loopback address to bind; `'::1'` for IPv6.
   * @default '127.0.0.1'
   */
  host?: string;
  /** Serve HTTPS with these credentials. */
  tls?: TestServerTlsOptions;
  /**
   * How long the server keeps an idle keep-alive connection open (node:http's
   * `keepAliveTimeout`).
   * @default 5000
   */
  keepAliveTimeoutMs?: number;
  /**
   * Keep every request in `requests`. Turn off for benchmarks and very long runs, where the
   * list would only grow.
   * @default true
   */
  recordRequests?: boolean;
  /**
   * Answer cross-origin requests from any page (tests of browser runtimes): every response
   * gets `Access-Control-Allow-Origin: *` and `Access-Control-Expose-Headers: *`, and a CORS
   * preflight (`OPTIONS` with `Access-Control-Request-Method`) gets a 204 allowing any method
   * and header. Preflights are not recorded in `requests`.
   * @default false
   */
  cors?: boolean;
}

/** A running test server; see {@link startTestServer}. */
export interface TestServer extends AsyncDisposable {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Same as `url` (scheme, host and port). */
  readonly origin: string;
  /** Bound host as given (IPv6 without brackets). */
  readonly host: string;
  /** Bound port. */
  readonly port: number;
  /** `'http'` or `'https'`. */
  readonly scheme: 'http' | 'https';
  /** Server-side sockets open now. */
  readonly openConnections: number;
  /** Highest number of simultaneously open sockets since the start or the last `resetStats()`. */
  readonly maxOpenConnections: number;
  /** Connections accepted since the start or the last `resetStats()`. */
  readonly totalConnections: number;
  /** Requests received since the start or the last `resetStats()`, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Clears `requests`, `totalConnections`, `/retry` state; `maxOpenConnections` restarts at `openConnections`. */
  resetStats(): void;
  /**
   * Resolves once the number of open server-side sockets is `count` (e.g. `0` after a pool
   * closed everything); rejects after `timeoutMs`.
   */
  waitForOpenConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Destroys every open connection, then stops listening. Idempotent. */
  close(): Promise<void>;
}

const EMPTY: Buffer = Buffer.alloc(0);

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  } catch {
    return null;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * CORS for `cors: true`: headers on every response, and the answer to a preflight (returns
 * true when it answered one).
 */
function answerCors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', '*');
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) {
    return false;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Methods': req.headers['access-control-request-method'],
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}

function rawPairs(raw: readonly string[]): Array<readonly [string, string]> {
  const pairs: Array<readonly [string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

/**
 * Starts an httpbin-like HTTP (or, with `tls`, HTTPS) server on a free loopback port.
 *
 * Routes: `/get`, `/anything[/...]`, `/headers`, `/user-agent`, `/echo-body`, `/status/:code`,
 * `/redirect/:n`, `/absolute-redirect/:n`, `/redirect-to`, `/retry`, `/delay/:ms`, `/slow`,
 * `/stall-body`, `/drip`, `/bytes/:n`, `/stream-bytes/:n`, `/large`, `/drain`, `/json`,
 * `/html`, `/text`, `/encoding/:codings`, `/close`, `/response-headers`, `/cookies`,
 * `/basic-auth/:user/:pass`, `/disconnect`, `/truncated`, `/truncated-chunked`; anything else
 * is a 404 JSON response. See the README.
 *
 * @example
 * ```ts
 * await using server = await startTestServer();
 * const res = await fetch(`${server.url}/get?a=1`);
 * console.log(await res.json(), server.requests.length);
 * ```
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls;
  const record = options.recordRequests ?? true;
  const cors = options.cors ?? false;
  const tracker = new ConnectionTracker();
  const requests: RecordedRequest[] = [];
  const socketIds = new WeakMap<Socket, number>();
  let nextSocketId = 1;
  const state: { origin: string; retryAttempts: Map<string, number> } = {
    origin: '',
    retryAttempts: new Map(),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let socketId = socketIds.get(req.socket);
    if (socketId === undefined) {
      socketId = nextSocketId++;
      socketIds.set(req.socket, socketId);
    }
    const url = new URL(req.url ?? '/', 'http://test.invalid');
    if (cors && answerCors(req, res)) return;
    const match = matchRoute(url.pathname);
    let body: Buffer = EMPTY;
    if (match === null || match.route.streamsBody !== true) {
      const read = await readBody(req);
      if (read === null) return; // client went away mid-body
      body = read;
    }
    if (record) {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        httpVersion: req.httpVersion,
        rawHeaders: rawPairs(req.rawHeaders),
        headers: req.headers,
        body,
        socketId,
      });
    }
    if (match === null) {
      sendJson(res, 404, { error: 'no such route', path: url.pathname });
      return;
    }
    try {
      await match.route.handler(
        { req, res, url, body, socketId, state: state as ServerState },
        match.params,
      );
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.destroy();
    }
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    void handle(req, res);
  };

  const server = tls
    ? createHttpsServer(
        {
          ...tls.extra,
          key: tls.key,
          cert: tls.cert,
          ...(tls.ca === undefined ? {} : { ca: tls.ca }),
          requestCert: tls.requestCert ?? false,
          rejectUnauthorized: tls.rejectUnauthorized ?? true,
        },
        listener,
      )
    : createHttpServer(listener);
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000;
  tracker.attach(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = tls ? 'https' : 'http';
  const origin = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.origin = origin;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      tracker.destroyAll(),
    ]).then(() => {});
    return closing;
  };

  return {
    url: origin,
    origin,
    host,
    port,
    scheme,
    get openConnections() {
      return tracker.sockets.size;
    },
    get maxOpenConnections() {
      return tracker.max;
    },
    get totalConnections() {
      return tracker.total;
    },
    requests,
    resetStats() {
      requests.length = 0;
      state.retryAttempts.clear();
      tracker.reset();
    },
    waitForOpenConnections(count, timeoutMs = 2000) {
      return tracker.waitFor((open) => open === count, timeoutMs);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
