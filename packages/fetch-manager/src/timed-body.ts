import type { RawBodyReader } from '@urlpool/core';
import type { AttemptSignal } from './attempt-signal.ts';

/**
 * The raw body of a fetch response with the attempt's read timeout armed around each wait for
 * a chunk. When the body ends, fails or is destroyed, the attempt is finished (its timers and
 * the caller's abort listener go).
 */
export class TimedBody implements RawBodyReader {
  readonly #attempt: AttemptSignal;
  readonly #inner: RawBodyReader;
  // Bound once per body, not per chunk.
  readonly #onChunk: (chunk: Buffer | null) => Buffer | null;
  readonly #onError: (error: unknown) => never;

  constructor(attempt: AttemptSignal, inner: RawBodyReader) {
    this.#attempt = attempt;
    this.#inner = inner;
    this.#onChunk = (chunk) => {
      attempt.endRead();
      if (chunk === null) attempt.finish();
      return chunk;
    };
    this.#onError = (error) => {
      attempt.finish();
      throw error;
    };
  }

  get done(): boolean {
    return this.#inner.done;
  }

  get bytesRead(): number {
    return this.#inner.bytesRead;
  }

  get lengthRemaining(): number | null {
    return this.#inner.lengthRemaining;
  }

  get chunked(): boolean {
    return this.#inner.chunked;
  }

  next(): Promise<Buffer | null> {
    this.#attempt.startRead();
    return this.#inner.next().then(this.#onChunk, this.#onError);
  }

  tryNext(): Buffer | null | undefined {
    return this.#inner.tryNext();
  }

  destroy(error?: Error): void {
    this.#inner.destroy(error);
    this.#attempt.finish();
  }
}
