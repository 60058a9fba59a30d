import { MaxRetryError } from '../errors/pool-errors.ts';
import { ResponseError } from '../errors/protocol-errors.ts';
import { computeBackoff } from './backoff.ts';
import { isConnectionError, isReadError } from './classify-error.ts';
import type { RequestHistory } from './request-history.ts';
import { parseRetryAfterMs } from './retry-after.ts';
import { decrement, isNegative } from './retry-counters.ts';
import {
  assertKnownRetryKeys,
  lowerHeader,
  ownSet,
  type RetryCount,
  type RetryOptions,
  statusCode,
  toDuration,
  toFlag,
  toOwnedSet,
  toRetryCount,
  upperMethod,
} from './retry-options.ts';
import type { RetryResponse } from './retry-response.ts';
import { sleepMs } from './sleep.ts';

/** What {@link Retry.increment} is told about the attempt that failed or redirected. */
export interface RetryIncrementParams {
  /** The request method (needed to decide whether a read error may be retried). */
  method?: string | null | undefined;
  /** The request URL (goes into the history and into `MaxRetryError`). */
  url?: string | null | undefined;
  /** The response, for a redirect or an error status. */
  response?: RetryResponse | null | undefined;
  /** The error the attempt failed with. */
  error?: Error | null | undefined;
  /** The pool, for `MaxRetryError.pool`. */
  pool?: unknown;
}

/** Options of {@link Retry.sleep} and {@link Retry.sleepForRetry}. */
export interface RetrySleepOptions {
  /** Aborts the wait: the promise rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
}

const EMPTY_STATUSES: ReadonlySet<number> = ownSet(new Set<number>());
const EMPTY_HISTORY: readonly RequestHistory[] = Object.freeze([]);

/**
 * Retry configuration (urllib3 2.x's `Retry`). A Retry is immutable: each
 * {@link Retry.increment} returns a new one with updated counters and history, so one Retry
 * can be shared by many requests.
 *
 * Counters: `total` bounds every kind; `connect`, `read`, `redirect`, `status` and `other`
 * bound one kind each. A counter may be a number, `false` (disabled) or `undefined` (no
 * limit of its own; pass `null` in options). Durations are milliseconds.
 *
 * @example
 * ```ts
 * import { Retry } from '@urlpool/core';
 * const retries = new Retry({ connect: 5, read: 2, redirect: 5, backoffFactor: 100 });
 * await pool.request('GET', '/', { retries });
 * ```
 */
export class Retry {
  /** Methods retried by default: the idempotent ones. */
  static readonly DEFAULT_ALLOWED_METHODS: ReadonlySet<string> = ownSet(
    new Set(['HEAD', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']),
  );
  /** Statuses retried when they carry `Retry-After` and `respectRetryAfterHeader` is on. */
  static readonly RETRY_AFTER_STATUS_CODES: ReadonlySet<number> = ownSet(new Set([413, 429, 503]));
  /** Headers removed on a cross-host redirect by default (lower-case). */
  static readonly DEFAULT_REMOVE_HEADERS_ON_REDIRECT: ReadonlySet<string> = ownSet(
    new Set(['cookie', 'authorization', 'proxy-authorization']),
  );
  /** Default cap on the backoff: 120 000 ms. */
  static readonly DEFAULT_BACKOFF_MAX: number = 120_000;
  /** Default cap on a `Retry-After` wait: 6 hours in ms. */
  static readonly DEFAULT_RETRY_AFTER_MAX: number = 21_600_000;
  /** `new Retry({ total: 3 })`: the pools' default. */
  static readonly DEFAULT: Retry = new Retry({ total: 3 });

  /** Total retries left (`false`: retries disabled; `undefined`: no total bound). */
  readonly total: RetryCount;
  /** Connection-error retries left. */
  readonly connect: RetryCount;
  /** Read-error retries left. */
  readonly read: RetryCount;
  /** Redirects left (0 when redirects are disabled). */
  readonly redirect: number | undefined;
  /** Error-status retries left. */
  readonly status: RetryCount;
  /** Other-error retries left. */
  readonly other: RetryCount;
  /** Upper-case methods that may be retried; `null`: every method. */
  readonly allowedMethods: ReadonlySet<string> | null;
  /** Statuses that force a retry. */
  readonly statusForcelist: ReadonlySet<number>;
  /** Backoff factor (ms). */
  readonly backoffFactor: number;
  /** Backoff cap (ms). */
  readonly backoffMax: number;
  /** Backoff jitter (ms). */
  readonly backoffJitter: number;
  /** Cap on `Retry-After` waits (ms). */
  readonly retryAfterMax: number;
  /** Throw `RetryAfterMaxExceededError` rather than cap a longer `Retry-After`. */
  readonly raiseOnRetryAfterMax: boolean;
  /** Whether exhausted redirects throw `MaxRetryError`. */
  readonly raiseOnRedirect: boolean;
  /** Whether exhausted status retries throw `MaxRetryError`. */
  readonly raiseOnStatus: boolean;
  /** Whether `Retry-After` is honoured. */
  readonly respectRetryAfterHeader: boolean;
  /** Lower-case names of the headers removed on a cross-host redirect. */
  readonly removeHeadersOnRedirect: ReadonlySet<string>;
  /** The attempts that led to this Retry, oldest first. */
  readonly history: readonly RequestHistory[];

  constructor(options: RetryOptions = {}) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(
        `Retry options must be an object, got ${String(options)}; use Retry.from(n) for a number.`,
      );
    }
    assertKnownRetryKeys(options);
    const total = options.total === undefined ? 10 : toRetryCount(options.total, 'total');
    let redirect = toRetryCount(options.redirect, 'redirect');
    let raiseOnRedirect = toFlag(options.raiseOnRedirect, 'raiseOnRedirect', true);
    // urllib3: disabling retries or redirects means "return the redirect response".
    if (redirect === false || total === false) {
      redirect = 0;
      raiseOnRedirect = false;
    }
    this.total = total;
    this.connect = toRetryCount(options.connect, 'connect');
    this.read = toRetryCount(options.read, 'read');
    this.redirect = redirect;
    this.status = toRetryCount(options.status, 'status');
    this.other = toRetryCount(options.other, 'other');

    const methods = options.allowedMethods;
    const allowed =
      methods === undefined
        ? Retry.DEFAULT_ALLOWED_METHODS
        : methods === null || methods === false
          ? null
          : toOwnedSet(methods, upperMethod, 'allowedMethods');
    // An empty collection means "every method", as in urllib3 2.x.
    this.allowedMethods = allowed === null || allowed.size === 0 ? null : allowed;
    this.statusForcelist =
      options.statusForcelist == null
        ? EMPTY_STATUSES
        : toOwnedSet(options.statusForcelist, statusCode, 'statusForcelist');
    this.backoffFactor = toDuration(options.backoffFactor, 'backoffFactor', 0);
    this.backoffMax = toDuration(options.backoffMax, 'backoffMax', Retry.DEFAULT_BACKOFF_MAX);
    this.backoffJitter = toDuration(options.backoffJitter, 'backoffJitter', 0);
    this.retryAfterMax = toDuration(
      options.retryAfterMax,
      'retryAfterMax',
      Retry.DEFAULT_RETRY_AFTER_MAX,
    );
    this.raiseOnRetryAfterMax = toFlag(options.raiseOnRetryAfterMax, 'raiseOnRetryAfterMax', false);
    this.raiseOnRedirect = raiseOnRedirect;
    this.raiseOnStatus = toFlag(options.raiseOnStatus, 'raiseOnStatus', true);
    this.respectRetryAfterHeader = toFlag(
      options.respectRetryAfterHeader,
      'respectRetryAfterHeader',
      true,
    );
    this.removeHeadersOnRedirect =
      options.removeHeadersOnRedirect === undefined
        ? Retry.DEFAULT_REMOVE_HEADERS_ON_REDIRECT
        : toOwnedSet(options.removeHeadersOnRedirect, lowerHeader, 'removeHeadersOnRedirect');
    const history = options.history;
    this.history =
      history == null || history.length === 0
        ? EMPTY_HISTORY
        : Object.isFrozen(history)
          ? history
          : Object.freeze([...history]);
    // Subclasses may still set their own fields in their constructors.
    if (new.target === Retry) Object.freeze(this);
  }

  /**
   * Normalises a `retries` value (urllib3's `Retry.from_int`): a Retry is returned as is;
   * `undefined`/`null` give `options.default` (itself normalised) or {@link Retry.DEFAULT};
   * a number or `false` becomes `new Retry({ total: value, redirect })`, where `redirect` is
   * unbounded when `options.redirect` is true (the default) and disabled when false.
   * `true` behaves as urllib3's `True`: one retry.
   */
  static from(
    value: Retry | number | boolean | null | undefined,
    options: { redirect?: boolean | number | null; default?: Retry | number | boolean | null } = {},
  ): Retry {
    if (value === undefined || value === null) value = options.default ?? Retry.DEFAULT;
    if (value instanceof Retry) return value;
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TypeError(
        `retries must be a Retry, a number, false or undefined, got ${String(value)}.`,
      );
    }
    const redirect = options.redirect ?? true;
    return new Retry({ total: value === true ? 1 : value, redirect: redirect ? null : false });
  }

  /**
   * A copy with some options replaced (urllib3's `Retry.new`). Options left `undefined`
   * keep their current value; `null` sets a counter to "no limit".
   */
  new(overrides: RetryOptions = {}): this {
    assertKnownRetryKeys(overrides);
    const params: RetryOptions = {
      total: this.total ?? null,
      connect: this.connect ?? null,
      read: this.read ?? null,
      redirect: this.redirect ?? null,
      status: this.status ?? null,
      other: this.other ?? null,
      allowedMethods: this.allowedMethods,
      statusForcelist: this.statusForcelist,
      backoffFactor: this.backoffFactor,
      backoffMax: this.backoffMax,
      backoffJitter: this.backoffJitter,
      retryAfterMax: this.retryAfterMax,
      raiseOnRetryAfterMax: this.raiseOnRetryAfterMax,
      raiseOnRedirect: this.raiseOnRedirect,
      raiseOnStatus: this.raiseOnStatus,
      respectRetryAfterHeader: this.respectRetryAfterHeader,
      removeHeadersOnRedirect: this.removeHeadersOnRedirect,
      history: this.history,
    };
    const target = params as Record<string, unknown>;
    for (const [key, value] of Object.entries(overrides)) {
      if (value !== undefined) target[key] = value;
    }
    const Ctor = this.constructor as new (options: RetryOptions) => this;
    return new Ctor(params);
  }

  /** Alias of {@link Retry.new}: `retry.with({ total: 5 })`. */
  with(overrides: RetryOptions = {}): this {
    return this.new(overrides);
  }

  /**
   * Records one failed or redirected attempt and returns the next Retry (urllib3's
   * `Retry.increment`); this Retry is not changed.
   *
   * Throws `error` itself when retries are disabled (`total: false`), when a connection error
   * meets `connect: false`, or when a read error meets `read: false`, an unknown method or a
   * method not in `allowedMethods`. Throws `MaxRetryError` when a counter runs out; its
   * `reason` is `error`, or a `ResponseError` ("too many redirects", "too many 503 error
   * responses").
   *
   * Takes one params object, or urllib3's positional form
   * `increment(method, url, response, error, pool)`.
   */
  increment(
    params?: RetryIncrementParams | string | null,
    url?: string | null,
    response?: RetryResponse | null,
    error?: Error | null,
    pool?: unknown,
  ): this {
    if (typeof params === 'object' && params !== null) return this.#increment(params);
    return this.#increment({
      method: params ?? null,
      url: url ?? null,
      response: response ?? null,
      error: error ?? null,
      pool,
    });
  }

  #increment(params: RetryIncrementParams): this {
    const { method = null, url = null, response = null, error = null } = params;
    if (this.total === false && error !== null) throw error;

    const total = decrement(this.total);
    let { connect, read, redirect, status: statusCount, other } = this;
    let cause = 'unknown';
    let status: number | null = null;
    let redirectLocation: string | null = null;

    if (error !== null && isConnectionError(error)) {
      if (connect === false) throw error;
      connect = decrement(connect);
    } else if (error !== null && isReadError(error)) {
      if (read === false || method === null || !this.isMethodRetryable(method)) throw error;
      read = decrement(read);
    } else if (error !== null) {
      other = decrement(other);
    } else if (response?.getRedirectLocation()) {
      redirect = redirect === undefined ? undefined : redirect - 1;
      cause = 'too many redirects';
      redirectLocation = response.getRedirectLocation() || null;
      status = response.status;
    } else {
      // An error status from statusForcelist (or a Retry-After status).
      cause = ResponseError.GENERIC_ERROR;
      if (response?.status) {
        statusCount = decrement(statusCount);
        cause = ResponseError.SPECIFIC_ERROR.replace('{status_code}', String(response.status));
        status = response.status;
      }
    }

    const entry: RequestHistory = Object.freeze({ method, url, error, status, redirectLocation });
    const next = this.new({
      total: total ?? null,
      connect: connect ?? null,
      read: read ?? null,
      redirect: redirect ?? null,
      status: statusCount ?? null,
      other: other ?? null,
      history: Object.freeze([...this.history, entry]),
    });
    if (next.isExhausted()) {
      throw new MaxRetryError(params.pool ?? null, url ?? '', error ?? new ResponseError(cause));
    }
    return next;
  }

  /** True when a counter has gone below zero (0 and `false` are not exhausted yet). */
  isExhausted(): boolean {
    // urllib3 ignores counters that are 0, false or None and asks whether any is below zero.
    return (
      isNegative(this.total) ||
      isNegative(this.connect) ||
      isNegative(this.read) ||
      isNegative(this.redirect) ||
      isNegative(this.status) ||
      isNegative(this.other)
    );
  }

  /** True when `method` may be retried: it is in `allowedMethods`, or every method is. */
  isMethodRetryable(method: string): boolean {
    const allowed = this.allowedMethods;
    // Requests carry normalised (upper-case) methods: no case conversion unless it is needed.
    return allowed === null || allowed.has(method) || allowed.has(method.toUpperCase());
  }

  /**
   * Whether a response with this status should be retried: the method is retryable and the
   * status is in `statusForcelist`, or (with a non-zero `total`, `respectRetryAfterHeader`
   * and a `Retry-After` header) the status is 413, 429 or 503.
   */
  isRetry(method: string, statusCode: number, hasRetryAfter = false): boolean {
    if (!this.isMethodRetryable(method)) return false;
    if (this.statusForcelist.has(statusCode)) return true;
    return Boolean(
      this.total &&
        this.respectRetryAfterHeader &&
        hasRetryAfter &&
        Retry.RETRY_AFTER_STATUS_CODES.has(statusCode),
    );
  }

  /**
   * The backoff before the next retry, in ms: 0 until two consecutive errors (redirects
   * break the run), then `backoffFactor * 2 ** (n - 1)` plus `Math.random() * backoffJitter`,
   * capped at `backoffMax`.
   */
  getBackoffTime(): number {
    return computeBackoff(this.history, this.backoffFactor, this.backoffJitter, this.backoffMax);
  }

  /**
   * Milliseconds to wait for a `Retry-After` value (delay-seconds or an HTTP date), capped
   * at `retryAfterMax`. @throws InvalidHeader when the value is neither.
   * @throws RetryAfterMaxExceededError for a longer wait when `raiseOnRetryAfterMax` is set.
   */
  parseRetryAfter(value: string): number {
    return parseRetryAfterMs(value, this.retryAfterMax, Date.now(), this.raiseOnRetryAfterMax);
  }

  /** The response's `Retry-After` in ms, or `null` without one. @throws InvalidHeader */
  getRetryAfter(response: RetryResponse): number | null {
    const value = response.headers.get('Retry-After');
    if (value === null || value === undefined) return null;
    return this.parseRetryAfter(value);
  }

  /** Waits for the response's `Retry-After` if it asks for a wait; resolves whether it did. */
  async sleepForRetry(response: RetryResponse, options: RetrySleepOptions = {}): Promise<boolean> {
    const retryAfter = this.getRetryAfter(response);
    if (!retryAfter) return false;
    await sleepMs(retryAfter, options.signal);
    return true;
  }

  /**
   * Waits before the next attempt: the response's `Retry-After` when `respectRetryAfterHeader`
   * and it asks for a wait, else {@link Retry.getBackoffTime}. Rejects with `InvalidHeader` on a
   * malformed `Retry-After`, or with `signal.reason` when aborted.
   */
  async sleep(response?: RetryResponse | null, options: RetrySleepOptions = {}): Promise<void> {
    if (this.respectRetryAfterHeader && response != null) {
      if (await this.sleepForRetry(response, options)) return;
    }
    const backoff = this.getBackoffTime();
    if (backoff > 0) await sleepMs(backoff, options.signal);
    else options.signal?.throwIfAborted();
  }

  /** Whether a request header is removed on a cross-host redirect (case-insensitive). */
  isHeaderRemovedOnRedirect(name: string): boolean {
    return this.removeHeadersOnRedirect.has(name.toLowerCase());
  }

  /** `Retry(total=…, connect=…, read=…, redirect=…, status=…)` as in urllib3. */
  toString(): string {
    return `Retry(total=${this.total}, connect=${this.connect}, read=${this.read}, redirect=${this.redirect}, status=${this.status})`;
  }
}
