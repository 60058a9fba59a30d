import { concatBytes, IncompleteRead } from '@urlpool/core';
import type { BodyState } from './body-state.ts';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The iterator behind `HTTPResponse.stream()`, shaped as urllib3's. A chunked body yields each
 * HTTP chunk as it arrived, split at `amt` (urllib3's `read_chunked`). Any other body yields
 * chunks of exactly `amt` bytes, fewer only at its end (urllib3's loop of `read(amt)`): raw
 * chunks larger than `amt` are sliced, smaller ones gathered. A body that ends short of its
 * Content-Length rejects at once with its IncompleteRead, dropping what was gathered, as urllib3
 * does; any other error (a `maxDecodedSize` cap, a broken socket) first hands out the bytes
 * gathered before it, then rejects the next call.
 *
 * Hand-written rather than an async generator: when the reader already holds a full chunk,
 * `next()` takes it synchronously and returns an already resolved promise, where a generator
 * would go through its own promise queue and resume machinery for every chunk.
 */
export class ChunkIterator implements AsyncIterableIterator<Buffer, undefined, undefined> {
  readonly #state: BodyState;
  readonly #amt: number;
  readonly #decode: boolean;
  /** Gather up to `amt` (not chunked) or hand out each chunk as it comes (chunked). */
  readonly #fill: boolean;
  #done = false;
  /** An error met while gathering a chunk that was handed out; thrown by the next call. */
  #error: unknown = undefined;

  constructor(state: BodyState, amt: number, decode: boolean, fill: boolean) {
    this.#state = state;
    this.#amt = amt;
    this.#decode = decode;
    this.#fill = fill;
  }

  next(): Promise<IteratorResult<Buffer, undefined>> {
    if (this.#error !== undefined) {
      const error = this.#error;
      this.#error = undefined;
      this.#done = true;
      return Promise.reject(error);
    }
    if (this.#done) return Promise.resolve(DONE);
    const amt = this.#amt;
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      // Take what the reader already holds without a promise per chunk.
      while (total < amt) {
        const chunk = this.#state.tryPull(amt - total, this.#decode);
        if (chunk === undefined) return this.#gather(chunks, total);
        if (chunk === null) break;
        chunks.push(chunk);
        total += chunk.length;
        if (!this.#fill) break;
      }
    } catch (error) {
      if (!this.#defer(error, total)) return Promise.reject(error);
    }
    return Promise.resolve(this.#result(chunks, total));
  }

  /** The async path: waits for bytes until `amt` are gathered or the body ends. */
  async #gather(chunks: Buffer[], gathered: number): Promise<IteratorResult<Buffer, undefined>> {
    const amt = this.#amt;
    let total = gathered;
    try {
      while (total < amt) {
        let chunk = this.#state.tryPull(amt - total, this.#decode);
        if (chunk === undefined) chunk = await this.#state.pull(amt - total, this.#decode);
        if (chunk === null) break;
        chunks.push(chunk);
        total += chunk.length;
        if (!this.#fill) break;
      }
    } catch (error) {
      if (!this.#defer(error, total)) throw error;
    }
    return this.#result(chunks, total);
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

  /** Keeps `error` for the next call when bytes were gathered before it; false: throw now. */
  #defer(error: unknown, gathered: number): boolean {
    if (gathered === 0 || error instanceof IncompleteRead) {
      this.#done = true;
      return false;
    }
    this.#error = error;
    return true;
  }

  #result(chunks: Buffer[], total: number): IteratorResult<Buffer, undefined> {
    if (total === 0) {
      // End of the body.
      this.#state.record(null, false);
      this.#done = true;
      return DONE;
    }
    const chunk = chunks.length === 1 ? chunks[0]! : concatBytes(chunks, total);
    this.#state.record(chunk, false);
    return { value: chunk, done: false };
  }
}
