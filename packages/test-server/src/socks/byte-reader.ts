import type { Socket } from 'node:net';

/** Thrown by {@link ByteReader} reads once the socket ended before the bytes arrived. */
export class ReaderClosedError extends Error {
  constructor() {
    super('socket closed before the expected bytes arrived');
  }
}

/**
 * Reads exact byte counts from a socket with `await`: what a protocol parser for a test
 * server needs (SOCKS greetings, requests), without a state machine. Call `detach()` before
 * handing the socket to something else; bytes read past the handshake are returned by it.
 */
export class ByteReader {
  private buffered: Buffer = Buffer.alloc(0);
  private closed = false;
  private waiter: (() => void) | undefined;
  private readonly onData = (chunk: Buffer): void => {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    this.wake();
  };
  private readonly onEnd = (): void => {
    this.closed = true;
    this.wake();
  };

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  /** Resolves with exactly `n` bytes. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered.length < n) await this.more();
    const out = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return out;
  }

  /** Resolves with the bytes up to (not including) the next NUL, which is consumed. */
  async readUntilNul(limit = 1024): Promise<Buffer> {
    for (;;) {
      const at = this.buffered.indexOf(0);
      if (at >= 0) {
        const out = this.buffered.subarray(0, at);
        this.buffered = this.buffered.subarray(at + 1);
        return out;
      }
      if (this.buffered.length > limit) throw new Error('NUL-terminated field too long');
      await this.more();
    }
  }

  /** Stops reading; returns the bytes received but not read. */
  detach(): Buffer {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    const rest = this.buffered;
    this.buffered = Buffer.alloc(0);
    return rest;
  }

  private more(): Promise<void> {
    if (this.closed) return Promise.reject(new ReaderClosedError());
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
