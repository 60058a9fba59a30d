import { TimeoutStateError } from './timeout-state-error.ts';
import { validateDuration } from './validate-duration.ts';

/** Options of {@link Timeout}; every duration is in milliseconds. */
export interface TimeoutOptions {
  /**
   * Bound on establishing the connection: DNS lookup, TCP connect and TLS handshake.
   * @default undefined (no limit)
   */
  connect?: number | null | undefined;
  /**
   * Bound on each wait for response bytes (between two socket reads), not on the whole body.
   * @default undefined (no limit)
   */
  read?: number | null | undefined;
  /**
   * Hard deadline for one attempt (beyond urllib3, whose total only shortens the read timeout):
   * pools fail the attempt once it has run this long, from checkout through the response head
   * and, when preloading, the whole body, however the server spaces its bytes. It also caps
   * {@link Timeout.connectTimeout}, and the time left after connecting caps
   * {@link Timeout.readTimeout}. Retries start a new attempt.
   * @default undefined (no limit)
   */
  total?: number | null | undefined;
}

/**
 * A timeout as options take it: milliseconds (connect and read), a {@link Timeout}, or plain
 * `{ connect, read, total }` options.
 */
export type TimeoutInput = number | Timeout | TimeoutOptions;

const KNOWN_KEYS: ReadonlySet<string> = new Set(['connect', 'read', 'total']);

/**
 * Timeout configuration of a request (urllib3's `Timeout`), in milliseconds.
 *
 * A Timeout given to a pool is a template: each attempt works on a {@link Timeout.clone | clone}
 * whose connect timer is started with {@link Timeout.startConnect}, so the time spent
 * connecting is taken off `total` when the read timeout is computed. The durations never
 * change after construction (instances are frozen); only a clone's connect start time is set
 * once.
 *
 * Invalid durations throw when the Timeout is built: `TypeError` for a non-number, `RangeError`
 * for NaN, infinity, zero or a negative number. `undefined` (or `null`) means no limit.
 *
 * @example
 * ```ts
 * import { Timeout } from '@urlpool/core';
 * const timeout = new Timeout({ connect: 2000, read: 7000 });
 * const perAttempt = timeout.clone();
 * perAttempt.startConnect();
 * perAttempt.connectTimeout; // 2000
 * ```
 */
export class Timeout {
  /** No limits at all (the pools' default, like urllib3 with no socket default timeout). */
  static readonly DEFAULT: Timeout = Timeout.#shared();

  /** The connect timeout as given, in ms (`undefined`: no limit). */
  readonly connect: number | undefined;
  /** The read timeout as given, in ms (`undefined`: no limit). */
  readonly read: number | undefined;
  /** The total timeout of one attempt, in ms (`undefined`: no limit). */
  readonly total: number | undefined;

  #startConnect: number | undefined = undefined;
  #isShared = false;

  constructor(options: TimeoutOptions = {}) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(
        `Timeout options must be an object like { connect, read, total }, got ${String(options)}; use Timeout.from(ms) for one number.`,
      );
    }
    for (const key of Object.keys(options)) {
      if (!KNOWN_KEYS.has(key)) {
        throw new TypeError(
          `Unknown Timeout option '${key}'; the options are connect, read and total.`,
        );
      }
    }
    this.connect = validateDuration(options.connect, 'connect');
    this.read = validateDuration(options.read, 'read');
    this.total = validateDuration(options.total, 'total');
    // Durations never change; the connect start lives in a private field, unaffected by freeze.
    if (new.target === Timeout) Object.freeze(this);
  }

  static #shared(): Timeout {
    const timeout = new Timeout();
    timeout.#isShared = true;
    return timeout;
  }

  /**
   * Normalises a timeout value: a Timeout is returned as is, a number sets both `connect`
   * and `read` (urllib3's `Timeout.from_float`), a plain `{ connect, read, total }` object
   * becomes a Timeout, `undefined`/`null` give {@link Timeout.DEFAULT}.
   */
  static from(value: TimeoutInput | null | undefined): Timeout {
    if (value instanceof Timeout) return value;
    if (value === undefined || value === null) return Timeout.DEFAULT;
    if (typeof value === 'object') return new Timeout(value);
    return new Timeout({ connect: value, read: value });
  }

  /** A copy with the same durations and an unstarted connect timer. */
  clone(): Timeout {
    return new Timeout({ connect: this.connect, read: this.read, total: this.total });
  }

  /**
   * Starts the connect timer (once per attempt) and returns its start time
   * (`performance.now()` milliseconds).
   *
   * @throws TimeoutStateError if it was already started, or on the shared {@link Timeout.DEFAULT}.
   */
  startConnect(): number {
    if (this.#isShared) {
      throw new TimeoutStateError(
        'Timeout.DEFAULT is shared and cannot be started; call clone() and start the copy.',
      );
    }
    if (this.#startConnect !== undefined) {
      throw new TimeoutStateError(
        'Timeout timer has already been started; use clone() to get a fresh one per attempt.',
      );
    }
    this.#startConnect = performance.now();
    return this.#startConnect;
  }

  /**
   * Milliseconds elapsed since {@link Timeout.startConnect}.
   *
   * @throws TimeoutStateError if the connect timer has not been started.
   */
  getConnectDuration(): number {
    if (this.#startConnect === undefined) {
      throw new TimeoutStateError(
        "Can't get connect duration for timer that has not started; call startConnect() first.",
      );
    }
    return performance.now() - this.#startConnect;
  }

  /** The connect timeout to apply: the smaller of `connect` and `total` (ms, or `undefined`). */
  get connectTimeout(): number | undefined {
    if (this.total === undefined) return this.connect;
    if (this.connect === undefined) return this.total;
    return Math.min(this.connect, this.total);
  }

  /**
   * The read timeout to apply (ms, or `undefined`), as in urllib3: with a `total`, what is
   * left of it after connecting, capped by `read`; never negative.
   *
   * @throws TimeoutStateError when only `total` is set and the connect timer was not started
   * (urllib3 raises here too: the time left cannot be known).
   */
  get readTimeout(): number | undefined {
    if (this.total !== undefined && this.read !== undefined) {
      // The connect timer may not have started yet: then the read bound alone applies.
      if (this.#startConnect === undefined) return this.read;
      return Math.max(0, Math.min(this.total - this.getConnectDuration(), this.read));
    }
    if (this.total !== undefined) return Math.max(0, this.total - this.getConnectDuration());
    return this.read;
  }

  /** `Timeout(connect=…, read=…, total=…)` with `undefined` for no limit. */
  toString(): string {
    return `Timeout(connect=${this.connect}, read=${this.read}, total=${this.total})`;
  }
}
