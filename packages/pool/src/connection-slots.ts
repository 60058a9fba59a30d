import { ClosedPoolError, type Connection, EmptyPoolError } from '@urlpool/core';

interface Waiter {
  resolve(connection: Connection | null): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * urllib3's pool queue semantics: idle connections reused newest first (LIFO), callers waiting
 * for a slot served first come, first served (FIFO).
 * - `block: false`: a checkout with no idle connection gets a new one; a returned connection
 *   beyond `maxsize` idle ones is closed.
 * - `block: true`: at most `maxsize` connections exist; checkouts wait up to `poolTimeout`.
 *
 * `checkout` yields an idle connection, or null meaning "you own a free slot: open one".
 */
export class ConnectionSlots {
  readonly maxsize: number;
  readonly block: boolean;
  private readonly idle: Connection[] = [];
  private readonly waiters: Waiter[] = [];
  private waitersHead = 0;
  private closed = false;
  /** Connections that exist: idle plus checked out (and slots being connected). */
  open = 0;

  private readonly pool: unknown;

  constructor(maxsize: number, block: boolean, pool: unknown) {
    this.maxsize = maxsize;
    this.block = block;
    this.pool = pool;
  }

  get idleCount(): number {
    return this.idle.length;
  }

  get queued(): number {
    return this.waiters.length - this.waitersHead;
  }

  /** The idle connections, newest last (for close()). */
  drainIdle(): Connection[] {
    const all = this.idle.splice(0, this.idle.length);
    this.open -= all.length;
    return all;
  }

  /**
   * Takes an idle connection (sync fast path), or a slot to open a new one (null), or waits.
   * Dropped idle connections are closed and skipped.
   */
  checkout(
    poolTimeout: number | undefined,
    signal: AbortSignal | undefined,
    fresh = false,
  ): Connection | null | Promise<Connection | null> {
    if (this.closed) throw new ClosedPoolError(this.pool, 'Pool is closed.');
    if (fresh) return this.checkoutFresh(poolTimeout, signal);
    while (this.idle.length > 0) {
      const connection = this.idle.pop()!;
      if (!connection.isDropped) return connection;
      // The server closed it while idle: replace it silently.
      connection.close();
      this.open--;
    }
    if (!this.block || this.open < this.maxsize) {
      this.open++;
      return null;
    }
    return this.wait(poolTimeout, signal);
  }

  /**
   * A slot for a new connection, for a request that just failed on a reused one (the retry of
   * a stale keep-alive connection must not go through every idle connection in turn). A full
   * blocking pool gives up its oldest idle connection for the slot; with none idle, it waits.
   */
  private checkoutFresh(
    poolTimeout: number | undefined,
    signal: AbortSignal | undefined,
  ): Connection | null | Promise<Connection | null> {
    if (!this.block || this.open < this.maxsize) {
      this.open++;
      return null;
    }
    const oldest = this.idle.shift();
    if (oldest === undefined) return this.wait(poolTimeout, signal);
    oldest.close(); // its slot passes to the caller: `open` is unchanged
    return null;
  }

  /**
   * Returns a connection after use. A reusable one goes to the first waiter or the idle stack;
   * otherwise its slot is freed (a waiter then gets a slot to open a new connection).
   * Returns the connection when it could not be kept and must be closed by the caller.
   */
  checkin(connection: Connection): Connection | null {
    if (!connection.isReusable || this.closed) {
      this.open--;
      this.grantFreeSlot();
      return connection;
    }
    const waiter = this.shiftWaiter();
    if (waiter !== undefined) {
      waiter.resolve(connection);
      return null;
    }
    if (this.idle.length >= this.maxsize) {
      this.open--;
      return connection;
    }
    this.idle.push(connection);
    return null;
  }

  /** Gives back a slot obtained from checkout() whose connection could not be opened. */
  releaseSlot(): void {
    this.open--;
    this.grantFreeSlot();
  }

  /** Rejects every waiter; later checkouts throw ClosedPoolError. */
  close(): void {
    this.closed = true;
    let waiter = this.shiftWaiter();
    while (waiter !== undefined) {
      waiter.reject(new ClosedPoolError(this.pool, 'Pool is closed.'));
      waiter = this.shiftWaiter();
    }
  }

  private grantFreeSlot(): void {
    if (!this.block || this.open >= this.maxsize) return;
    const waiter = this.shiftWaiter();
    if (waiter !== undefined) {
      this.open++;
      waiter.resolve(null);
    }
  }

  private wait(
    poolTimeout: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Connection | null> {
    return new Promise<Connection | null>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (connection) => {
          this.settle(waiter);
          resolve(connection);
        },
        reject: (error) => {
          this.settle(waiter);
          reject(error);
        },
        timer: undefined,
        signal,
        onAbort: undefined,
      };
      if (poolTimeout !== undefined) {
        waiter.timer = setTimeout(() => {
          this.remove(waiter);
          waiter.reject(
            new EmptyPoolError(
              this.pool,
              `Pool reached maximum size and no more connections are allowed (waited ${poolTimeout}ms for one of ${this.maxsize} connections; raise maxsize or poolTimeout).`,
            ),
          );
        }, poolTimeout);
      }
      if (signal !== undefined) {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        waiter.onAbort = () => {
          this.remove(waiter);
          waiter.reject(signal.reason as Error);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
    });
  }

  private settle(waiter: Waiter): void {
    if (waiter.timer !== undefined) clearTimeout(waiter.timer);
    if (waiter.onAbort !== undefined) waiter.signal?.removeEventListener('abort', waiter.onAbort);
  }

  private shiftWaiter(): Waiter | undefined {
    if (this.waitersHead >= this.waiters.length) return undefined;
    const waiter = this.waiters[this.waitersHead]!;
    this.waiters[this.waitersHead++] = undefined as unknown as Waiter;
    if (this.waitersHead === this.waiters.length) {
      this.waiters.length = 0;
      this.waitersHead = 0;
    }
    return waiter;
  }

  private remove(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter, this.waitersHead);
    if (index !== -1) this.waiters.splice(index, 1);
  }
}
