import { clearFastTimeout, type FastTimer, setFastTimeout } from '@urlpool/core';

/** What a {@link ReadClock} calls when it runs out. */
export interface ReadClockOwner {
  onReadTimeout(): void;
}

/**
 * The read-timeout clock of one connection: armed while someone waits for bytes, restarted by
 * every socket read, idle otherwise.
 *
 * Why a FastTimer kept for the connection's life: the clock restarts on every socket read and
 * every wait of the body reader, and most read timeouts never fire. One timer per connection
 * is created once (again only when the timeout value changes) and `refresh()`ed; delays of 1 s
 * or more share core's coarse 500 ms tick, where a refresh is a field write instead of a
 * native timer-list re-insertion. Shorter delays (e.g. 100 ms) get a native unref'd timer,
 * so they stay accurate; coarse ones fire at most about 1 s late, never early. When the
 * clock is not armed the timer may still fire; the callback is then not called.
 */
export class ReadClock {
  private timer: FastTimer<ReadClock> | null = null;
  private readonly owner: ReadClockOwner;
  /** True while a wait for bytes is being timed. */
  armed = false;

  /**
   * `owner.onReadTimeout()` runs when an armed clock runs out. The owner itself rather than a
   * closure: one clock is made per connection, and with connection churn (many origins)
   * per-connection closures are a visible part of each request's cost.
   */
  constructor(owner: ReadClockOwner) {
    this.owner = owner;
  }

  /** Starts (or restarts) the clock for one wait of `ms`; undefined = no limit. */
  arm(ms: number | undefined): void {
    if (ms === undefined) return;
    const timer = this.timer;
    if (timer === null || timer.delay !== ms) {
      clearFastTimeout(timer);
      this.timer = setFastTimeout(fire, ms, this);
    } else {
      timer.refresh();
    }
    this.armed = true;
  }

  /** Restarts an armed clock (bytes arrived, or the upload made progress). */
  refresh(): void {
    if (this.armed) this.timer!.refresh();
  }

  /** Stops timing; the next wait arms it again. */
  disarm(): void {
    this.armed = false;
  }

  /** Releases the timer for good (the connection closed). */
  dispose(): void {
    this.armed = false;
    clearFastTimeout(this.timer);
    this.timer = null;
  }

  /** @internal called by the timer. */
  fire(): void {
    if (this.armed) this.owner.onReadTimeout();
  }
}

function fire(clock: ReadClock): void {
  clock.fire();
}
