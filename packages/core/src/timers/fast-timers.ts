/**
 * Coarse shared timers for per-request and per-read timeouts.
 *
 * Why: a read timeout is re-armed on every socket read, and most timeouts never fire. Native
 * timers cost a heap insertion per arm; here one shared, unref'd "tick" timer scans a flat
 * list of long timers every {@link FAST_TIMER_TICK} ms, so arming is a push and re-arming
 * ({@link FastTimer.refresh}) is one field write. Callbacks take an argument instead of being
 * closures, so callers can pass a module-level function and the object it acts on.
 *
 * Accuracy: timers never fire early. A timer of {@link FAST_TIMER_THRESHOLD} ms or more fires
 * at most one tick late after {@link setFastTimeout}, and at most two ticks late after
 * `refresh()` (refresh does not read the clock; the next tick stamps it). Shorter delays use a
 * native unref'd `setTimeout`, so a 100 ms timeout fires at about 100 ms.
 */

/** Delays at or above this many ms use the shared coarse tick; shorter ones a native timer. */
export const FAST_TIMER_THRESHOLD = 1000;
/** Period of the shared tick, in ms: the granularity of coarse timers. */
export const FAST_TIMER_TICK = 500;

/** `start` value of a coarse timer refreshed since the last tick: the next tick stamps it. */
const PENDING = -1;
/** `index` of a timer that is not in the coarse list. */
const NOT_LISTED = -1;

/** Coarse timers currently armed, in no particular order (swap-removed in O(1)). */
// Element type is erased: each timer only ever calls its own callback with its own arg.
const armed: AnyTimer[] = [];
let tickHandle: NodeJS.Timeout | null = null;
/** `performance.now()` when the tick was last (re)scheduled; detects a lost tick. */
let tickScheduledAt = 0;

// biome-ignore lint/suspicious/noExplicitAny: the list holds timers of every argument type.
type AnyTimer = FastTimer<any>;

/**
 * A timer callback. Declared method-style so its parameter is checked bivariantly: a
 * `FastTimer<Socket>` can then be stored where a `FastTimer<unknown>` is expected.
 */
type FastTimerCallback<T> = { bivarianceHack(arg: T): void }['bivarianceHack'];

/**
 * A timer made by {@link setFastTimeout}. Cancel it with {@link clearFastTimeout}.
 */
export class FastTimer<T = unknown> {
  /** The delay in ms, as given. */
  readonly delay: number;
  /** @internal */ _callback: FastTimerCallback<T> | null;
  /** @internal */ _arg: T;
  /** @internal Start time (`performance.now()`), or PENDING until the next tick stamps it. */
  _start = 0;
  /** @internal Position in the coarse list, or NOT_LISTED. */
  _index: number = NOT_LISTED;
  /** @internal The native timer for short delays, else null. */
  _native: NodeJS.Timeout | null = null;

  constructor(callback: (arg: T) => void, delay: number, arg: T) {
    this.delay = delay;
    this._callback = callback;
    this._arg = arg;
  }

  /**
   * Restarts the delay from now, re-arming the timer if it has already fired; does nothing
   * once cleared. O(1) and allocation-free: safe to call on every socket read.
   */
  refresh(): this {
    if (this._callback === null) return this;
    if (this._native !== null) {
      this._native.refresh();
      return this;
    }
    this._start = PENDING;
    if (this._index === NOT_LISTED) {
      listTimer(this);
      if (tickHandle === null) scheduleTick(performance.now());
    }
    return this;
  }
}

/**
 * Calls `callback(arg)` once after about `delayMs` milliseconds (see the module notes for the
 * accuracy). The timer never keeps the process alive.
 *
 * @example
 * ```ts
 * function onReadTimeout(conn: Conn): void { conn.destroy(new ReadTimeoutError(...)); }
 * const timer = setFastTimeout(onReadTimeout, 30_000, conn);
 * socket.on('data', () => timer.refresh());
 * clearFastTimeout(timer);
 * ```
 */
export function setFastTimeout<T>(
  callback: (arg: T) => void,
  delayMs: number,
  arg: NoInfer<T>,
): FastTimer<T> {
  if (typeof callback !== 'function') {
    throw new TypeError(`setFastTimeout callback must be a function, got ${typeof callback}.`);
  }
  if (typeof delayMs !== 'number' || !(delayMs >= 0) || delayMs === Number.POSITIVE_INFINITY) {
    throw new RangeError(
      `setFastTimeout delay must be a finite number of milliseconds >= 0, got ${String(delayMs)}.`,
    );
  }
  const timer = new FastTimer(callback, delayMs, arg);
  if (delayMs < FAST_TIMER_THRESHOLD) {
    // Cast: with the DOM lib loaded too, TypeScript may pick the DOM overload (number).
    const native = setTimeout(fireNative, delayMs, timer) as unknown as NodeJS.Timeout;
    native.unref();
    timer._native = native;
    return timer;
  }
  const now = performance.now();
  timer._start = now;
  listTimer(timer);
  // A tick that is far overdue (or from another clock, e.g. vi fake timers swapped for real
  // ones) is lost: start a new one so this timer cannot hang.
  if (tickHandle === null || now < tickScheduledAt || now - tickScheduledAt > 2 * FAST_TIMER_TICK) {
    scheduleTick(now);
  }
  return timer;
}

/** Cancels a timer made by {@link setFastTimeout}; `null`, `undefined` and repeats are no-ops. */
export function clearFastTimeout<T>(timer: FastTimer<T> | null | undefined): void {
  if (timer === null || timer === undefined || timer._callback === null) return;
  timer._callback = null;
  timer._arg = undefined as T; // drop the reference early
  if (timer._native !== null) {
    clearTimeout(timer._native);
    timer._native = null;
    return;
  }
  if (timer._index !== NOT_LISTED) unlistTimer(timer._index);
}

function fireNative(timer: AnyTimer): void {
  const callback = timer._callback;
  if (callback !== null) callback(timer._arg);
}

function listTimer(timer: AnyTimer): void {
  timer._index = armed.length;
  armed.push(timer);
}

/** Removes the timer at `index` by moving the last one into its place. */
function unlistTimer(index: number): void {
  const removed = armed[index]!;
  const last = armed.pop()!;
  if (last !== removed) {
    armed[index] = last;
    last._index = index;
  }
  removed._index = NOT_LISTED;
}

function scheduleTick(now: number): void {
  if (tickHandle !== null) clearTimeout(tickHandle);
  tickHandle = setTimeout(onTick, FAST_TIMER_TICK);
  tickHandle.unref();
  tickScheduledAt = now;
}

function onTick(): void {
  const now = performance.now();
  try {
    let i = 0;
    while (i < armed.length) {
      const timer = armed[i]!;
      if (timer._start === PENDING) {
        timer._start = now;
        i++;
      } else if (now - timer._start >= timer.delay) {
        // Unlist first: the callback may refresh (re-list) or clear this or other timers.
        // A timer swapped into a slot before `i` waits for the next tick: late, never early.
        unlistTimer(i);
        const callback = timer._callback;
        if (callback !== null) callback(timer._arg);
      } else {
        i++;
      }
    }
  } finally {
    // Reuse the same native timer while work remains; stop ticking when idle.
    if (armed.length > 0 && tickHandle !== null) {
      tickHandle.refresh();
      tickScheduledAt = now;
    } else {
      tickHandle = null;
    }
  }
}
