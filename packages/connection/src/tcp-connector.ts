import {
  type LookupFunction,
  connect as netConnect,
  type Socket,
  type TcpNetConnectOpts,
} from 'node:net';
import {
  type ConnectedSocket,
  type Connector,
  type ConnectRequest,
  ConnectTimeoutError,
  connectionConnectedChannel,
  formatHost,
  NameResolutionError,
  NewConnectionError,
} from '@urlpool/core';

const DNS_ERROR_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

/** Options of {@link createTcpConnector}. */
export interface TcpConnectorOptions {
  /**
   * Resolves host names instead of `dns.lookup` (Node's `net.connect` `lookup` option): a
   * custom resolver, a cache, or a stub in tests. Errors it reports with a DNS code
   * (`ENOTFOUND`, `EAI_AGAIN`...) become `NameResolutionError`.
   * @default dns.lookup
   */
  readonly lookup?: LookupFunction | undefined;
}

/**
 * The plain TCP connector: `net.connect` with the request's socket options, connect timeout
 * (DNS + TCP) and abort signal. Failures become NameResolutionError, NewConnectionError or
 * ConnectTimeoutError; the socket is destroyed on every failure.
 *
 * @example
 * ```ts
 * const pool = new HTTPConnectionPool('localhost', { port: 8080, connector: createTcpConnector() });
 * ```
 */
export function createTcpConnector(options: TcpConnectorOptions = {}): Connector {
  const lookup = options.lookup;
  if (lookup === undefined) return connectTcp;
  if (typeof lookup !== 'function') {
    throw new TypeError('createTcpConnector: lookup must be a function like dns.lookup');
  }
  return (request) => openTcp(request, lookup);
}

/** Connects one TCP socket; see {@link createTcpConnector}. */
export function connectTcp(request: ConnectRequest): Promise<ConnectedSocket> {
  return openTcp(request, undefined);
}

function openTcp(
  request: ConnectRequest,
  lookup: LookupFunction | undefined,
): Promise<ConnectedSocket> {
  return new Promise<ConnectedSocket>((resolve, reject) => {
    const { host, port, timeout, signal, sourceAddress, socketOptions } = request;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const keepAlive = socketOptions.keepAlive;
    // Built field by field: conditional spreads cost an object clone each, on every connect.
    const options: TcpNetConnectOpts = {
      host,
      port,
      noDelay: socketOptions.noDelay,
      keepAlive: keepAlive !== false,
    };
    if (lookup !== undefined) options.lookup = lookup;
    if (typeof keepAlive === 'number') options.keepAliveInitialDelay = keepAlive;
    if (sourceAddress !== undefined) {
      options.localAddress = sourceAddress.host;
      if (sourceAddress.port !== undefined) options.localPort = sourceAddress.port;
    }
    const socket: Socket = netConnect(options);
    const attempt = new TcpAttempt(socket, host, port, signal, resolve, reject);
    (socket as AttemptSocket)[kAttempt] = attempt;
    if (connectionConnectedChannel.hasSubscribers) {
      // Timed only while someone watches: a clock read and a listener per connect otherwise.
      attempt.started = performance.now();
      socket.once('lookup', onAttemptLookup);
    }
    socket.once('connect', onAttemptConnect);
    socket.on('error', onAttemptError);
    // The attempt is the abort listener (handleEvent) and the timer's argument: no closures.
    signal?.addEventListener('abort', attempt, { once: true });
    if (timeout !== undefined)
      attempt.timer = setTimeout(onAttemptTimeout, timeout, attempt, timeout);
  });
}

/**
 * One connect in progress. Its state lives here, and the socket/signal/timer listeners are
 * shared module functions: with many origins a request often opens a connection, and six
 * closures per connect were a visible part of its cost.
 */
class TcpAttempt {
  timer: NodeJS.Timeout | undefined = undefined;
  /** performance.now() at the start, when traced (0 otherwise). */
  started = 0;
  /** performance.now() when the name was resolved (0: no lookup, an IP literal). */
  lookedUp = 0;

  constructor(
    readonly socket: Socket,
    readonly host: string,
    readonly port: number,
    readonly signal: AbortSignal | undefined,
    readonly resolve: (connected: ConnectedSocket) => void,
    readonly reject: (error: unknown) => void,
  ) {}

  cleanup(): void {
    const socket = this.socket;
    if (this.timer !== undefined) clearTimeout(this.timer);
    (socket as AttemptSocket)[kAttempt] = undefined;
    socket.off('connect', onAttemptConnect);
    socket.off('lookup', onAttemptLookup);
    socket.off('error', onAttemptError);
    this.signal?.removeEventListener('abort', this);
  }

  fail(error: unknown): void {
    this.cleanup();
    this.socket.destroy();
    this.reject(error);
  }

  /** The abort signal fired (EventTarget listener object). */
  handleEvent(): void {
    this.fail(this.signal!.reason);
  }
}

const kAttempt: unique symbol = Symbol('urlpool.tcpAttempt');

type AttemptSocket = Socket & { [kAttempt]?: TcpAttempt | undefined };

function onAttemptConnect(this: AttemptSocket): void {
  const attempt = this[kAttempt];
  if (attempt === undefined) return;
  attempt.cleanup();
  // Plain TCP negotiates no application protocol.
  if (attempt.started === 0) {
    attempt.resolve({ socket: this, alpnProtocol: null });
    return;
  }
  const now = performance.now();
  const { started, lookedUp } = attempt;
  attempt.resolve({
    socket: this,
    alpnProtocol: null,
    timings: {
      dns: lookedUp === 0 ? undefined : lookedUp - started,
      connect: now - (lookedUp === 0 ? started : lookedUp),
    },
  });
}

function onAttemptLookup(this: AttemptSocket): void {
  const attempt = this[kAttempt];
  if (attempt !== undefined) attempt.lookedUp = performance.now();
}

function onAttemptError(this: AttemptSocket, error: NodeJS.ErrnoException): void {
  const attempt = this[kAttempt];
  if (attempt === undefined) return;
  const { host, port } = attempt;
  if (error.code !== undefined && DNS_ERROR_CODES.has(error.code)) {
    attempt.fail(new NameResolutionError(host, null, error));
  } else {
    attempt.fail(
      new NewConnectionError(
        null,
        `Failed to establish a new connection to ${formatHost(host)}:${port}: ${error.message}`,
        { cause: error },
      ),
    );
  }
}

function onAttemptTimeout(attempt: TcpAttempt, timeout: number): void {
  attempt.fail(
    new ConnectTimeoutError(
      `Connection to ${formatHost(attempt.host)}:${attempt.port} timed out. (connect timeout=${timeout}ms)`,
    ),
  );
}
