import {
  type Connection,
  clearFastTimeout,
  type FastTimer,
  ReadTimeoutError,
  setFastTimeout,
} from '@urlpool/core';
import type { Lease } from './lease.ts';

/**
 * `Timeout.total` as a hard deadline for one attempt (the contract goes beyond urllib3, whose
 * total only shortens the read timeout): from checkout through the response head and, when
 * preloading, the whole body. A server that drips a byte just inside every read timeout can
 * no longer hold a request for longer than `total`.
 *
 * Cheap by design: made only for requests with a `total`, one core fast timer (a list push
 * for deadlines of a second or more, a native unref'd timer below that), no closure. Connect
 * needs none of it: the connector's own timeout is already capped by `total`
 * (`Timeout.connectTimeout`), so the deadline is armed once connected, for what is left.
 */
export class AttemptDeadline {
  private timer: FastTimer<AttemptDeadline> | null;
  private readonly connection: Connection;
  private readonly lease: Lease;
  private readonly total: number;
  private readonly pool: unknown;
  private readonly url: string;

  constructor(
    connection: Connection,
    lease: Lease,
    total: number,
    remaining: number,
    pool: unknown,
    url: string,
  ) {
    this.connection = connection;
    this.lease = lease;
    this.total = total;
    this.pool = pool;
    this.url = url;
    this.timer = setFastTimeout(onDeadline, Math.max(0, remaining), this);
  }

  /** The attempt is settled (head returned, body preloaded, or it failed). Idempotent. */
  clear(): void {
    clearFastTimeout(this.timer);
    this.timer = null;
  }

  /** @internal called by the timer. */
  expire(): void {
    this.timer = null;
    // Released already, or the whole response arrived: nothing is waiting on the wire.
    if (!this.lease.held || this.connection.isReusable) return;
    // Fails the head or body read in progress with the error; the socket is closed and the
    // slot freed. A preloading request retries it like any read timeout.
    const error = new ReadTimeoutError(
      this.pool,
      this.url,
      `Read timed out. (total timeout=${this.total}ms: the attempt took longer than Timeout.total)`,
    );
    this.connection.abort(error);
    this.lease.release(error);
  }
}

function onDeadline(deadline: AttemptDeadline): void {
  deadline.expire();
}
