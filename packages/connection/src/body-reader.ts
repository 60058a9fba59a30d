import { ProtocolError, type RawBodyReader } from '@urlpool/core';

/** What a body reader needs from its connection: flow control and the read timer. */
export interface BodyFlowControl {
  /** Stop reading the socket (the reader holds enough). */
  pauseReading(): void;
  /** Resume reading the socket (the reader wants more). */
  resumeReading(): void;
  /** The consumer waits for bytes: run the read timeout. */
  waitingForBytes(): void;
  /**
   * The reader was destroyed (before the body ended, or by an explicit close): the
   * connection must not be reused. Ignored when `reader` is no longer the current one.
   */
  abandon(reader: BodyReader, error: Error): void;
}

// Buffer up to this many bytes before pausing the socket: two socket reads keeps the pipe busy
// while a consumer works, yet memory stays bounded whatever the body size.
const HIGH_WATER_MARK = 128 * 1024;

/**
 * The body of one response on one connection: a queue of socket-read slices between the
 * parser (producer) and the HTTPResponse (consumer), with backpressure on the socket.
 */
export class BodyReader implements RawBodyReader {
  readonly chunked: boolean;
  private readonly flow: BodyFlowControl;
  private readonly expectedLength: number;
  private queue: Buffer[] = [];
  private queueHead = 0;
  private queuedBytes = 0;
  private paused = false;
  private finished = false;
  private failure: Error | null = null;
  private waiterResolve: ((chunk: Buffer | null) => void) | null = null;
  private waiterReject: ((error: Error) => void) | null = null;
  /** Raw body bytes handed to the consumer. */
  bytesRead = 0;

  constructor(flow: BodyFlowControl, chunked: boolean, expectedLength: number, hasBody: boolean) {
    this.flow = flow;
    this.chunked = chunked;
    this.expectedLength = expectedLength;
    this.finished = !hasBody;
  }

  get done(): boolean {
    return this.finished && this.queuedBytes === 0 && this.queueHead >= this.queue.length;
  }

  get lengthRemaining(): number | null {
    return this.expectedLength < 0 ? null : this.expectedLength - this.bytesRead;
  }

  /** Producer side: a body slice arrived. */
  push(chunk: Buffer): void {
    if (this.failure !== null || chunk.length === 0) return;
    const resolve = this.waiterResolve;
    if (resolve !== null) {
      this.waiterResolve = null;
      this.waiterReject = null;
      this.bytesRead += chunk.length;
      resolve(chunk);
      return;
    }
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    if (!this.paused && this.queuedBytes >= HIGH_WATER_MARK) {
      this.paused = true;
      this.flow.pauseReading();
    }
  }

  /** Producer side: the body is complete. */
  finish(): void {
    this.finished = true;
    const resolve = this.waiterResolve;
    if (resolve !== null && this.queuedBytes === 0) {
      this.waiterResolve = null;
      this.waiterReject = null;
      resolve(null);
    }
  }

  /** Producer side: the body failed (framing error, reset, timeout). */
  fail(error: Error): void {
    // Once the body is complete, later connection errors no longer concern it.
    if (this.failure !== null || this.finished) return;
    this.failure = error;
    this.dropQueue();
    const reject = this.waiterReject;
    if (reject !== null) {
      this.waiterResolve = null;
      this.waiterReject = null;
      reject(error);
    }
  }

  tryNext(): Buffer | null | undefined {
    if (this.queueHead < this.queue.length) return this.shift();
    if (this.failure !== null) return undefined;
    return this.finished ? null : undefined;
  }

  next(): Promise<Buffer | null> {
    if (this.queueHead < this.queue.length) return Promise.resolve(this.shift());
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.finished) return Promise.resolve(null);
    if (this.waiterResolve !== null) {
      return Promise.reject(
        new ProtocolError('Concurrent reads of one response body are not supported'),
      );
    }
    return new Promise<Buffer | null>((resolve, reject) => {
      this.waiterResolve = resolve;
      this.waiterReject = reject;
      if (this.paused) {
        this.paused = false;
        this.flow.resumeReading();
      }
      this.flow.waitingForBytes();
    });
  }

  destroy(error?: Error): void {
    if (this.failure !== null) return;
    const reason =
      error ?? new ProtocolError('Response body was abandoned before it was fully read');
    if (this.finished) {
      // Fully received, yet the caller closes it (response.close()): honour that, the
      // connection is not returned for reuse.
      this.failure = reason;
      this.dropQueue();
    } else {
      this.fail(reason);
    }
    this.flow.abandon(this, reason);
  }

  private shift(): Buffer {
    const chunk = this.queue[this.queueHead]!;
    this.queue[this.queueHead++] = undefined as unknown as Buffer;
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0;
      this.queueHead = 0;
    }
    this.queuedBytes -= chunk.length;
    this.bytesRead += chunk.length;
    if (this.paused && this.queuedBytes < HIGH_WATER_MARK / 2) {
      this.paused = false;
      this.flow.resumeReading();
    }
    return chunk;
  }

  private dropQueue(): void {
    this.queue.length = 0;
    this.queueHead = 0;
    this.queuedBytes = 0;
  }
}
