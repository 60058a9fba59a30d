import { createHTTPConnectionFactory, createTcpConnector } from '@urlpool/connection';
import {
  ClosedPoolError,
  type ConnectedSocket,
  type Connection,
  type ConnectionFactory,
  type Connector,
  type ConnectRequest,
  compose,
  connectionConnectChannel,
  connectionConnectedChannel,
  connectionErrorChannel,
  createRedirectRetryInterceptor,
  DEFAULT_PORTS,
  type Dispatch,
  type DispatchRequest,
  encodeRequest,
  formatAuthority,
  HostChangedError,
  LocationValueError,
  type PreparedBody,
  type PreparedHeaders,
  parseUrl,
  prepareHeaders,
  type RequestTargetForm,
  rejectWithAbortError,
  type Timeout,
  toOriginHost,
  type UrlInput,
  urlToString,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import type { AttemptTrace } from './attempt-trace.ts';
import { ConnectionSlots } from './connection-slots.ts';
import { toDispatchRequest } from './dispatch-request.ts';
import { type PoolFullMessage, poolFullChannel } from './pool-diagnostics.ts';
import { dispatchAttempt, settleAttempt } from './pool-dispatch.ts';
import { warnPoolFull } from './pool-full-warning.ts';
import {
  type HTTPConnectionPoolOptions,
  kResolvedPoolOptions,
  type PreResolvedPoolOptions,
  type ResolvedPoolOptions,
  resolvePoolOptions,
} from './pool-options.ts';
import type { RequestOptions, UrlopenOptions } from './request-options.ts';

/** Live counts of a pool's connections (beyond urllib3). */
export interface PoolStats {
  /** Connections that exist (idle + active). */
  readonly open: number;
  /** Connections waiting in the pool for reuse. */
  readonly idle: number;
  /** Connections serving a request or held by an unreleased response. */
  readonly active: number;
  /** Requests waiting for a connection (blocking pools). */
  readonly queued: number;
}

/**
 * A pool of connections to one host (urllib3's `HTTPConnectionPool`). Sockets come from the
 * `connector` option, and the connection speaking HTTP on each from `connectionFactory`
 * (HTTP/1.1 by default): the pool itself only admits requests, keeps idle connections (newest
 * first) and hands structured requests to them.
 *
 * @example
 * ```ts
 * await using pool = new HTTPConnectionPool('127.0.0.1', { port: 8080, maxsize: 10, block: true });
 * const r = await pool.request('GET', '/get');
 * console.log(r.status, r.json());
 * ```
 */
export class HTTPConnectionPool {
  /**
   * 'http' or 'https'. A getter, not a field, so the base constructor sees a subclass's scheme
   * (field initialisers of a subclass run only after `super()` returns).
   */
  get scheme(): string {
    return 'http';
  }
  /** Host name or IP literal (IPv6 without brackets). */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
  /** The default Timeout. */
  readonly timeout: Timeout;
  /** Default retry policy. */
  readonly retries: ResolvedPoolOptions['retries'];
  /** Idle connections kept for reuse; with {@link block}, the most that may exist. */
  readonly maxsize: number;
  /** Whether requests wait for a connection rather than open more than {@link maxsize}. */
  readonly block: boolean;
  /** Connections opened over the pool's life (urllib3's `num_connections`). */
  numConnections = 0;
  /** Requests made over the pool's life (urllib3's `num_requests`). */
  numRequests = 0;
  /** @internal */
  readonly options: ResolvedPoolOptions;
  /** @internal */
  readonly slots: ConnectionSlots;
  /** @internal the origin's authority (`host[:port]`), as the Host header names it. */
  readonly hostHeader: string;
  /** @internal default headers validated once. */
  readonly defaultHeaders: PreparedHeaders;
  /** @internal */
  readonly targetForm: RequestTargetForm;
  private readonly connector: Connector;
  private readonly connectionFactory: ConnectionFactory;
  /**
   * Retries, redirects (same host) and the user's interceptors around {@link dispatch}. Without
   * interceptors it is built on the first `request`/`urlopen`: a PoolManager's pools are only
   * dispatched to (the manager has its own chain), and with many origins it makes a pool on
   * most requests.
   */
  private chain: Dispatch<HTTPResponse> | null = null;
  private closed = false;
  /** PoolFullWarning is emitted once per pool. */
  private warnedFull = false;

  constructor(host: string, options: HTTPConnectionPoolOptions = {}) {
    // urllib3 raises LocationValueError for an empty or missing host, not a TypeError.
    if (typeof host !== 'string' || host === '') {
      throw new LocationValueError('No host specified.');
    }
    this.host = toOriginHost(host);
    // A manager hands its built-in pool classes the options it resolved once.
    const resolved =
      (options as PreResolvedPoolOptions)[kResolvedPoolOptions] ?? this.resolveOptions(options);
    this.options = resolved;
    this.port = resolved.port;
    this.timeout = resolved.timeout;
    this.retries = resolved.retries;
    this.maxsize = resolved.maxsize;
    this.block = resolved.block;
    this.slots = new ConnectionSlots(resolved.maxsize, resolved.block, this);
    this.connector = resolved.connector ?? this.createConnector(options);
    this.connectionFactory = resolved.connectionFactory ?? defaultConnectionFactory;
    this.targetForm = resolved.targetForm;
    this.hostHeader = formatAuthority(this.host, this.port, this.scheme);
    this.defaultHeaders = prepareHeaders(resolved.headers);
    // The user's interceptors are called now, as compose() does, so one that throws or returns
    // no dispatch function fails the constructor, as it always did.
    if (resolved.interceptors.length > 0) this.buildChain();
  }

  private buildChain(): Dispatch<HTTPResponse> {
    const owner = (): unknown => this;
    this.chain = compose<HTTPResponse>(
      (request) => this.dispatch(request),
      // Redirects (same host) outside retries, in one loop: redirect(retry(dispatch)).
      createRedirectRetryInterceptor({ scope: 'same-host', pool: owner }),
      ...this.options.interceptors,
    );
    return this.chain;
  }

  /** Normalises options; HTTPS pools extend it with TLS options. */
  protected resolveOptions(options: HTTPConnectionPoolOptions): ResolvedPoolOptions {
    return resolvePoolOptions(options, 80);
  }

  /** The connector used when none is given; HTTPS pools return a TLS connector. */
  protected createConnector(_options: HTTPConnectionPoolOptions): Connector {
    return createTcpConnector();
  }

  /** Live connection counts. */
  get stats(): PoolStats {
    const open = this.slots.open;
    const idle = this.slots.idleCount;
    return { open, idle, active: open - idle, queued: this.slots.queued };
  }

  /** True once close() was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Makes a request, encoding `fields`/`json` as urllib3's `request()` does, then `urlopen`.
   */
  request(method: string, url: UrlInput, options: RequestOptions = {}): Promise<HTTPResponse> {
    try {
      return this.encodeAndOpen(method, requestUrl(url), options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private encodeAndOpen(
    method: string,
    url: string,
    options: RequestOptions,
  ): Promise<HTTPResponse> {
    if (
      options.fields === undefined &&
      options.json === undefined &&
      options.encodeMultipart === undefined &&
      options.multipartBoundary === undefined
    ) {
      return this.urlopen(method, url, options);
    }
    const encoded = encodeRequest(method, url, {
      ...options,
      headers: options.headers ?? this.options.headers,
    });
    const {
      fields: _f,
      json: _j,
      encodeMultipart: _e,
      multipartBoundary: _b,
      body: _body,
      ...rest
    } = options;
    if (this.closed) return Promise.reject(new ClosedPoolError(this, 'Pool is closed.'));
    if (
      rest.assertSameHost !== false &&
      this.targetForm !== 'absolute' &&
      !encoded.url.startsWith('/') &&
      !this.isSameHost(encoded.url)
    ) {
      return Promise.reject(new HostChangedError(this, encoded.url, rest.retries ?? this.retries));
    }
    return this.run(
      encoded.method,
      encoded.url,
      encoded.headers === undefined ? rest : { ...rest, headers: encoded.headers },
      encoded.body,
    );
  }

  /** Sends one request (following retries and same-host redirects) and returns the response. */
  urlopen(method: string, input: UrlInput, options: UrlopenOptions = {}): Promise<HTTPResponse> {
    if (this.closed) return Promise.reject(new ClosedPoolError(this, 'Pool is closed.'));
    let url: string;
    try {
      url = requestUrl(input);
      // A forwarding pool (absolute form, to a proxy) sends every origin's requests.
      if (
        options.assertSameHost !== false &&
        this.targetForm !== 'absolute' &&
        !url.startsWith('/') &&
        !this.isSameHost(url)
      ) {
        return Promise.reject(new HostChangedError(this, url, options.retries ?? this.retries));
      }
    } catch (error) {
      // A URL that does not parse: reject, never throw synchronously from a Promise API.
      return Promise.reject(error);
    }
    return this.run(method, url, options);
  }

  /**
   * Sends one attempt of a resolved request on a connection of this pool: admission
   * (`maxsize`, `block`, `poolTimeout`), a kept-alive connection or a new one, the request,
   * the response head. No retries, no redirects and no interceptors: `urlopen` wraps this
   * with them, and managers route to it with their own. The request's scheme, host and port
   * are not checked: it goes to this pool's origin.
   */
  dispatch(request: DispatchRequest): Promise<HTTPResponse> {
    if (this.closed) return Promise.reject(new ClosedPoolError(this, 'Pool is closed.'));
    return dispatchAttempt(this, request);
  }

  /** Resolves the request once and runs it through the interceptors. */
  private run(
    method: string,
    url: string,
    options: UrlopenOptions,
    body?: PreparedBody,
  ): Promise<HTTPResponse> {
    let done: Promise<HTTPResponse>;
    try {
      done = (this.chain ?? this.buildChain())(toDispatchRequest(this, method, url, options, body));
    } catch (error) {
      return Promise.reject(error);
    }
    // Streamed: the attempt's total deadline ends with the head (preloaded: with the body).
    if (options.preloadContent === false) done = done.then(settleAttempt);
    return rejectWithAbortError(done, options.signal);
  }

  /** True when `url` is relative or names this pool's scheme, host and port. */
  isSameHost(input: UrlInput): boolean {
    const url = urlToString(input);
    if (url.startsWith('/')) return true;
    const parsed = parseUrl(url);
    if (parsed.scheme === null)
      return parsed.host === null || toOriginHost(parsed.host) === this.host;
    const port = parsed.port ?? DEFAULT_PORTS[parsed.scheme] ?? null;
    return (
      parsed.scheme === this.scheme &&
      parsed.host !== null &&
      toOriginHost(parsed.host) === this.host &&
      port === this.port
    );
  }

  /**
   * @internal Opens a connection for a slot: a socket from the connector, then the connection
   * the factory makes on it. Rejects with the connector's typed errors.
   */
  async openConnection(
    timeout: number | undefined,
    signal: AbortSignal | undefined,
    trace: AttemptTrace | null,
  ): Promise<Connection> {
    this.numConnections++;
    const watched =
      connectionConnectChannel.hasSubscribers ||
      connectionConnectedChannel.hasSubscribers ||
      connectionErrorChannel.hasSubscribers;
    if (!watched && trace === null) return this.connect(timeout, signal);
    const origin = { scheme: this.scheme, host: this.host, port: this.port, pool: this };
    if (connectionConnectChannel.hasSubscribers) connectionConnectChannel.publish(origin);
    const started = performance.now();
    let connected: ConnectedSocket;
    try {
      connected = await this.connector(this.connectRequest(timeout, signal));
    } catch (error) {
      if (connectionErrorChannel.hasSubscribers) {
        connectionErrorChannel.publish({ ...origin, error });
      }
      throw error;
    }
    trace?.connected(connected.timings);
    if (connectionConnectedChannel.hasSubscribers) {
      connectionConnectedChannel.publish({
        ...origin,
        alpnProtocol: connected.alpnProtocol,
        timings: { ...connected.timings, total: performance.now() - started },
      });
    }
    return this.makeConnection(connected);
  }

  private async connect(
    timeout: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Connection> {
    return this.makeConnection(await this.connector(this.connectRequest(timeout, signal)));
  }

  private connectRequest(
    timeout: number | undefined,
    signal: AbortSignal | undefined,
  ): ConnectRequest {
    return {
      host: this.host,
      port: this.port,
      timeout,
      signal,
      sourceAddress: this.options.sourceAddress,
      socketOptions: this.options.socketOptions,
    };
  }

  private makeConnection(connected: ConnectedSocket): Connection {
    try {
      return this.connectionFactory({
        socket: connected.socket,
        alpnProtocol: connected.alpnProtocol,
        host: this.host,
        port: this.port,
      });
    } catch (error) {
      connected.socket.destroy();
      throw error;
    }
  }

  /** @internal Returns a connection after a response is done with it. */
  putConn(connection: Connection): void {
    const reusable = connection.isReusable;
    const discarded = this.slots.checkin(connection);
    if (discarded === null) return;
    if (reusable && !this.closed && !this.warnedFull) {
      this.warnedFull = warnPoolFull(this.host, this.options.maxsize);
    }
    if (reusable && !this.closed && poolFullChannel.hasSubscribers) {
      const message: PoolFullMessage = {
        level: 'warn',
        message: `Connection pool is full, discarding connection: ${this.host}:${this.port}. Connection pool size: ${this.options.maxsize}`,
        pool: this,
        host: this.host,
        port: this.port,
        maxsize: this.options.maxsize,
      };
      poolFullChannel.publish(message);
    }
    discarded.close();
  }

  /** @internal Frees the slot of a connection that failed or could not be opened. */
  discardConn(connection: Connection | null): void {
    connection?.close();
    this.slots.releaseSlot();
  }

  /**
   * Closes idle connections and refuses new requests (ClosedPoolError). Connections held by
   * responses close when released. Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.slots.close();
    for (const connection of this.slots.drainIdle()) connection.close();
  }

  /** `await using pool = ...` closes the pool. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  /** `HTTPConnectionPool(host='h', port=80)`, as urllib3 names a pool in its error messages. */
  toString(): string {
    return `${this.constructor.name}(host=${pythonRepr(this.host)}, port=${this.port})`;
  }
}

/** A URL argument of request()/urlopen() as a string; a missing one is a LocationValueError. */
function requestUrl(url: UrlInput): string {
  if (url == null || url === '') {
    throw new LocationValueError(
      'No URL specified: pass a path such as "/" or an absolute URL of this pool\'s host.',
    );
  }
  return urlToString(url);
}

/** Python's repr() of a string: single quotes, backslash and quote escaped. */
function pythonRepr(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

const defaultConnectionFactory: ConnectionFactory = createHTTPConnectionFactory();
