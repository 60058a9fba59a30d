import type { Server, Socket } from 'node:net';

/**
 * Exact server-side connection counts: a socket counts from the server's `connection` event
 * (TCP accept, before any TLS handshake) until its `close` event.
 */
export class ConnectionTracker {
  /** Server-side sockets that are open now. */
  readonly sockets: Set<Socket> = new Set();
  /** High-water mark of `sockets.size` since the last reset. */
  max = 0;
  /** Connections accepted since the last reset. */
  total = 0;
  private waiters: Array<() => void> = [];

  /** Starts counting the connections `server` accepts. */
  attach(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      this.total++;
      if (this.sockets.size > this.max) this.max = this.sockets.size;
      // A client reset must not become an uncaught error in the test process.
      socket.on('error', noop);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.notify();
      });
      this.notify();
    });
  }

  /** Clears the counters; `max` restarts at the number of connections open now. */
  reset(): void {
    this.total = 0;
    this.max = this.sockets.size;
  }

  /** Destroys every open socket; resolves once all of them (and so the counts) are closed. */
  destroyAll(): Promise<void> {
    return this.waitFor(
      (open) => open === 0,
      10_000,
      () => {
        for (const socket of this.sockets) socket.destroy();
      },
    );
  }

  /** Resolves once `predicate(openCount)` holds; rejects after `timeoutMs`. */
  waitFor(
    predicate: (open: number) => boolean,
    timeoutMs: number,
    start?: () => void,
  ): Promise<void> {
    if (predicate(this.sockets.size)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this.sockets.size)) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for the server's open connection count (now ${this.sockets.size})`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(check);
      start?.();
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function noop(): void {}
