import type { BodyState } from './body-state.ts';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The iterator behind `HTTPResponse.stream()`. Hand-written rather than an async generator:
 * when the reader already holds a chunk, `next()` takes it synchronously and returns an already
 * resolved promise, where a generator would go through its own promise queue and resume
 * machinery for every chunk. The async path reuses two callbacks bound once per iterator.
 */
export class ChunkIterator implements AsyncIterableIterator<Buffer, undefined, undefined> {
  readonly #state: BodyState;
  readonly #amt: number;
  readonly #decode: boolean;
  #done = false;
  readonly #onChunk: (chunk: Buffer | null) => IteratorResult<Buffer, undefined>;
  readonly #onError: (error: unknown) => never;

  constructor(state: BodyState, amt: number, decode: boolean) {
    this.#state = state;
    this.#amt = amt;
    this.#decode = decode;
    this.#onChunk = (chunk) => this.#result(chunk);
    this.#onError = (error) => {
      this.#done = true;
      throw error;
    };
  }

  next(): Promise<IteratorResult<Buffer, undefined>> {
    if (this.#done) return Promise.resolve(DONE);
    let chunk: Buffer | null | undefined;
    try {
      chunk = this.#state.tryPull(this.#amt, this.#decode);
    } catch (error) {
      this.#done = true;
      return Promise.reject(error);
    }
    if (chunk !== undefined) return Promise.resolve(this.#result(chunk));
    return this.#state.pull(this.#amt, this.#decode).then(this.#onChunk, this.#onError);
  }

  /**
   * Ends this iteration (`break` in `for await`). The response stays open so reading can go
   * on; release it with `releaseConn()`, `drainConn()` or `close()`.
   */
  return(): Promise<IteratorResult<Buffer, undefined>> {
    this.#done = true;
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #result(chunk: Buffer | null): IteratorResult<Buffer, undefined> {
    this.#state.record(chunk, false);
    if (chunk !== null) return { value: chunk, done: false };
    this.#done = true;
    return DONE;
  }
}
