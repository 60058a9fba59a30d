import type { RequestHistory } from './request-history.ts';

/**
 * A retry counter: a number of retries left, `false` (disabled: the error is re-thrown, or
 * for `total`/`redirect` see {@link RetryOptions}), or `undefined` for no limit of this kind
 * (urllib3's `None`).
 */
export type RetryCount = number | false | undefined;

/** Options of {@link Retry}; as in urllib3 2.x with camelCase names and milliseconds. */
export interface RetryOptions {
  /**
   * Total number of retries; takes precedence over the other counts. `null` removes this
   * bound (then only the other counts apply). `0` fails on the first retry. `false` disables
   * retries (errors are re-thrown as they are) and implies `raiseOnRedirect: false`.
   * @default 10
   */
  total?: number | false | null | undefined;
  /**
   * Retries on connection errors (raised before the request reached the server).
   * `false` re-throws such errors. @default undefined (no limit of its own)
   */
  connect?: number | false | null | undefined;
  /**
   * Retries on read errors (raised after the request was sent: read timeouts, broken
   * responses). `false` re-throws such errors. @default undefined (no limit of its own)
   */
  read?: number | false | null | undefined;
  /**
   * Redirects to follow. `false` (like `total: false`) means redirects are not followed:
   * the redirect response is returned (`redirect: 0`, `raiseOnRedirect: false`).
   * @default undefined (no limit of its own)
   */
  redirect?: number | false | null | undefined;
  /** Retries on statuses in `statusForcelist`. @default undefined (no limit of its own) */
  status?: number | false | null | undefined;
  /** Retries on other errors. @default undefined (no limit of its own) */
  other?: number | false | null | undefined;
  /**
   * Methods retried on read errors and on error statuses (case-insensitive). `false`, `null`
   * or an empty collection: every method.
   * @default Retry.DEFAULT_ALLOWED_METHODS (HEAD, GET, PUT, DELETE, OPTIONS, TRACE)
   */
  allowedMethods?: Iterable<string> | false | null | undefined;
  /** Statuses that force a retry for allowed methods. @default empty */
  statusForcelist?: Iterable<number> | null | undefined;
  /**
   * Backoff factor in ms: from the second consecutive error on, the wait before a retry is
   * `backoffFactor * 2 ** (consecutiveErrors - 1)`. @default 0 (no backoff)
   */
  backoffFactor?: number | undefined;
  /** Cap on the backoff, in ms. @default 120000 */
  backoffMax?: number | undefined;
  /** Random extra backoff, uniform in `[0, backoffJitter)` ms. @default 0 */
  backoffJitter?: number | undefined;
  /** Throw `MaxRetryError` when redirects run out (else return the 3xx). @default true */
  raiseOnRedirect?: boolean | undefined;
  /** Throw `MaxRetryError` when status retries run out (else return the response). @default true */
  raiseOnStatus?: boolean | undefined;
  /** Honour `Retry-After` (and retry 413/429/503 that carry it). @default true */
  respectRetryAfterHeader?: boolean | undefined;
  /**
   * Request headers dropped when a redirect goes to another host (case-insensitive).
   * @default Retry.DEFAULT_REMOVE_HEADERS_ON_REDIRECT (Cookie, Authorization, Proxy-Authorization)
   */
  removeHeadersOnRedirect?: Iterable<string> | undefined;
  /** Cap on a `Retry-After` wait, in ms. @default 21600000 (6 hours) */
  retryAfterMax?: number | undefined;
  /**
   * Throw `RetryAfterMaxExceededError` for a `Retry-After` longer than `retryAfterMax`, instead
   * of waiting `retryAfterMax`. A wait of exactly `retryAfterMax` is allowed. @default false
   */
  raiseOnRetryAfterMax?: boolean | undefined;
  /** The attempts so far; normally left to {@link Retry.increment}. @default [] */
  history?: readonly RequestHistory[] | null | undefined;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'total',
  'connect',
  'read',
  'redirect',
  'status',
  'other',
  'allowedMethods',
  'statusForcelist',
  'backoffFactor',
  'backoffMax',
  'backoffJitter',
  'raiseOnRedirect',
  'raiseOnStatus',
  'respectRetryAfterHeader',
  'removeHeadersOnRedirect',
  'retryAfterMax',
  'raiseOnRetryAfterMax',
  'history',
]);

/** Throws a TypeError naming the first unknown key of `options`. */
export function assertKnownRetryKeys(options: object): void {
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new TypeError(
        `Unknown Retry option '${key}'; the options are ${[...KNOWN_KEYS].join(', ')}.`,
      );
    }
  }
}

/** Validates a counter; `null` and `undefined` become `undefined` (no limit). */
export function toRetryCount(value: unknown, name: string): RetryCount {
  if (value === undefined || value === null || value === false) return value ?? undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(
      `Retry option ${name} must be an integer, false or null (no limit), got ${String(value)}.`,
    );
  }
  return value;
}

/** Validates a duration option (ms, finite, >= 0). */
export function toDuration(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `Retry option ${name} must be a finite number of milliseconds >= 0, got ${String(value)}.`,
    );
  }
  return value;
}

/** Validates a boolean option. */
export function toFlag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new TypeError(`Retry option ${name} must be a boolean, got ${String(value)}.`);
  }
  return value;
}

/** Sets built here are frozen-by-contract and shared between Retry copies without copying. */
const OWNED_SETS = new WeakSet<ReadonlySet<unknown>>();

/** Marks a set as owned (never mutated again) and returns it. */
export function ownSet<T>(set: Set<T>): ReadonlySet<T> {
  OWNED_SETS.add(set);
  return set;
}

/** An owned set as is, or a new owned set of `iterable` mapped through `map`. */
export function toOwnedSet<T, U>(
  iterable: Iterable<T>,
  map: (value: T) => U,
  name: string,
): ReadonlySet<U> {
  if (OWNED_SETS.has(iterable as unknown as ReadonlySet<unknown>))
    return iterable as unknown as ReadonlySet<U>;
  if (typeof iterable === 'string' || typeof iterable?.[Symbol.iterator] !== 'function') {
    throw new TypeError(`Retry option ${name} must be a collection (array or Set).`);
  }
  const set = new Set<U>();
  for (const value of iterable) set.add(map(value));
  return ownSet(set);
}

/** Validates and upper-cases one of `allowedMethods`. */
export function upperMethod(method: unknown): string {
  if (typeof method !== 'string') throw new TypeError('Retry allowedMethods must hold strings.');
  return method.toUpperCase();
}

/** Validates and lower-cases one of `removeHeadersOnRedirect`. */
export function lowerHeader(name: unknown): string {
  if (typeof name !== 'string') {
    throw new TypeError('Retry removeHeadersOnRedirect must hold header names (strings).');
  }
  return name.toLowerCase();
}

/** Validates one of `statusForcelist`. */
export function statusCode(code: unknown): number {
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    throw new TypeError('Retry statusForcelist must hold integer status codes.');
  }
  return code;
}
