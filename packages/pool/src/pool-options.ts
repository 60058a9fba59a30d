import {
  type ConnectionFactory,
  type Connector,
  type HeadersInit,
  type Interceptor,
  type RequestTargetForm,
  Retry,
  type SocketOptions,
  Timeout,
  type TimeoutInput,
  TLS_OPTION_NAMES,
  unknownOptionError,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';

/** Options of {@link HTTPConnectionPool} (HTTPS pools add the TLS options). */
export interface HTTPConnectionPoolOptions {
  /** TCP port. @default 80 for http, 443 for https */
  port?: number | undefined;
  /**
   * Default timeout for requests: ms (connect and read), a Timeout, or plain
   * `{ connect, read, total }` options. @default no limit
   */
  timeout?: TimeoutInput | undefined;
  /** Idle connections kept for reuse; with `block`, the most that may exist. @default 1 */
  maxsize?: number | undefined;
  /** Never open more than `maxsize` connections; requests wait for one. @default false */
  block?: boolean | undefined;
  /** Default request headers (replaced, not merged, by a request's own headers). */
  headers?: HeadersInit | undefined;
  /** Default retry policy. @default Retry.DEFAULT (3 retries) */
  retries?: Retry | number | false | undefined;
  /** Local address to bind: `host` or `[host, port]`. */
  sourceAddress?: string | readonly [string, number] | undefined;
  /** Socket options. @default { noDelay: true, keepAlive: false } */
  socketOptions?: Partial<SocketOptions> | undefined;
  /**
   * Beyond urllib3: the function that yields connected sockets. Proxies and custom transports
   * plug in here. @default plain TCP (and TLS for HTTPS pools)
   */
  connector?: Connector | undefined;
  /**
   * Beyond urllib3: makes the connection that speaks HTTP on each socket the connector yields
   * (HTTP/1.1, HTTP/2, an in-memory mock…). The pool holds connections only through core's
   * `Connection` interface. @default createHTTPConnectionFactory() (HTTP/1.1)
   */
  connectionFactory?: ConnectionFactory | undefined;
  /**
   * Beyond urllib3: the request-target form connections write: `'origin'` (`/path`) or
   * `'absolute'` (`http://host/path`, for a forwarding proxy, RFC 9112 §3.2.2).
   * @default 'origin'
   */
  targetForm?: RequestTargetForm | undefined;
  /**
   * Beyond urllib3: interceptors around every attempt, outermost first, inside the pool's own
   * redirect and retry interceptors (so they see every retry and redirect). See `compose`.
   * @default []
   */
  interceptors?: readonly Interceptor<HTTPResponse>[] | undefined;
}

/** Options normalised once at construction. */
export interface ResolvedPoolOptions {
  readonly port: number;
  readonly timeout: Timeout;
  readonly maxsize: number;
  readonly block: boolean;
  readonly headers: HeadersInit | undefined;
  readonly retries: Retry | false | number;
  readonly sourceAddress: { readonly host: string; readonly port?: number } | undefined;
  readonly socketOptions: SocketOptions;
  readonly targetForm: RequestTargetForm;
  readonly interceptors: readonly Interceptor<HTTPResponse>[];
  /** The connector given, if any (the pool's default is made by the pool class). */
  readonly connector: Connector | undefined;
  /** The connection factory given, if any. */
  readonly connectionFactory: ConnectionFactory | undefined;
}

/** The option names of {@link HTTPConnectionPoolOptions} (HTTPS pools add `TLS_OPTION_NAMES`). */
export const POOL_OPTION_NAMES: readonly string[] = Object.freeze([
  'port',
  'timeout',
  'maxsize',
  'block',
  'headers',
  'retries',
  'sourceAddress',
  'socketOptions',
  'connector',
  'connectionFactory',
  'targetForm',
  'interceptors',
]);

const KNOWN_KEYS: ReadonlySet<string> = new Set(POOL_OPTION_NAMES);

/**
 * @internal The options key under which a PoolManager hands its built-in pool classes the
 * options it resolved once (see {@link withPort}): a new pool then skips validation and
 * resolution, which with many origins happen on most requests. Not an option users set.
 * A registered symbol (`Symbol.for`): a manager imports this key from `@urlpool/pool/internal`
 * and the pool classes from `@urlpool/pool`, and the key must match even where a build loads
 * the two entries as separate module instances (Node's dist/node bundles share one).
 */
export const kResolvedPoolOptions: unique symbol = Symbol.for('urlpool.resolvedPoolOptions');

/** @internal Pool options that may carry options resolved by a manager. */
export interface PreResolvedPoolOptions {
  readonly [kResolvedPoolOptions]?: ResolvedPoolOptions | undefined;
}

/**
 * @internal Resolved options for another port (a manager resolves its pool options once, with
 * the default port, and gives each origin's pool its own port). The port is checked as
 * {@link resolvePoolOptions} checks it.
 */
export function withPort(resolved: ResolvedPoolOptions, port: number): ResolvedPoolOptions {
  if (port === resolved.port) return resolved;
  assertPort(port, port);
  return { ...resolved, port };
}

function assertPort(port: number, given: unknown): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`Invalid port ${String(given)}: expected an integer from 0 to 65535`);
  }
}

/**
 * Validates and normalises pool options. `extraKeys` lists keys a subclass handles (the TLS
 * options of HTTPS pools, keys of a PoolManager). Unknown keys throw a TypeError naming them.
 */
export function resolvePoolOptions(
  options: HTTPConnectionPoolOptions,
  defaultPort: number,
  extraKeys?: ReadonlySet<string>,
): ResolvedPoolOptions {
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key) && !extraKeys?.has(key)) {
      throw unknownOptionError('connection pool', key, [
        ...POOL_OPTION_NAMES,
        ...(extraKeys ?? []),
        ...TLS_OPTION_NAMES,
      ]);
    }
  }
  const port = options.port ?? defaultPort;
  assertPort(port, options.port);
  const maxsize = options.maxsize ?? 1;
  if (!Number.isInteger(maxsize) || maxsize < 1) {
    throw new TypeError(`Invalid maxsize ${String(options.maxsize)}: expected an integer >= 1`);
  }
  const block = options.block ?? false;
  if (typeof block !== 'boolean') throw new TypeError('Invalid block option: expected a boolean');
  const source = options.sourceAddress;
  const sourceAddress =
    source === undefined
      ? undefined
      : typeof source === 'string'
        ? { host: source }
        : { host: source[0], port: source[1] };
  const retries = options.retries ?? Retry.DEFAULT;
  if (!(retries instanceof Retry) && retries !== false && typeof retries !== 'number') {
    throw new TypeError('Invalid retries option: expected a Retry, a number or false');
  }
  const targetForm = options.targetForm ?? 'origin';
  if (targetForm !== 'origin' && targetForm !== 'absolute') {
    throw new TypeError(
      `Invalid targetForm ${JSON.stringify(targetForm)}: expected 'origin' or 'absolute'`,
    );
  }
  if (options.connectionFactory !== undefined && typeof options.connectionFactory !== 'function') {
    throw new TypeError('Invalid connectionFactory option: expected a function');
  }
  if (options.connector !== undefined && typeof options.connector !== 'function') {
    throw new TypeError('Invalid connector option: expected a function like createTcpConnector()');
  }
  const interceptors = options.interceptors ?? [];
  if (!Array.isArray(interceptors) || interceptors.some((i) => typeof i !== 'function')) {
    throw new TypeError('Invalid interceptors option: expected an array of functions');
  }
  return {
    port,
    targetForm,
    interceptors,
    connector: options.connector,
    connectionFactory: options.connectionFactory,
    timeout: Timeout.from(options.timeout),
    maxsize,
    block,
    headers: options.headers,
    retries,
    sourceAddress,
    socketOptions: {
      noDelay: options.socketOptions?.noDelay ?? true,
      keepAlive: options.socketOptions?.keepAlive ?? false,
    },
  };
}
