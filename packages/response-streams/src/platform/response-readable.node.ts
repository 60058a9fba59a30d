import { Readable } from 'node:stream';
import type { BodyState } from '../body-state.ts';

/**
 * A Node `Readable` over a response body. It pulls one chunk per `_read()` (plus any the
 * reader already holds, while `push()` wants more), so the socket is read only as fast as
 * the consumer drains: backpressure reaches the connection.
 *
 * The Readable owns the response: once it ends the connection is released, and if it is
 * destroyed before the end the connection is closed.
 */
export class ResponseReadable extends Readable {
  readonly #state: BodyState;
  readonly #amt: number;
  readonly #decode: boolean;
  #reading = false;
  // Bound once: the async path would otherwise make two closures per awaited chunk.
  readonly #onChunk: (chunk: Buffer | null) => void;
  readonly #onError: (error: unknown) => void;

  constructor(state: BodyState, amt: number, decode: boolean) {
    super();
    this.#state = state;
    this.#amt = amt;
    this.#decode = decode;
    this.#onChunk = (chunk) => {
      this.#reading = false;
      if (this.push(chunk) && chunk !== null) this._read();
    };
    this.#onError = (error) => {
      this.#reading = false;
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    };
  }

  override _read(): void {
    if (this.#reading) return;
    const state = this.#state;
    for (;;) {
      let chunk: Buffer | null | undefined;
      try {
        chunk = state.tryPull(this.#amt, this.#decode);
      } catch (error) {
        this.destroy(error as Error);
        return;
      }
      if (chunk === undefined) {
        this.#reading = true;
        state.pull(this.#amt, this.#decode).then(this.#onChunk, this.#onError);
        return;
      }
      if (!this.push(chunk) || chunk === null) return;
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.#state.finished) this.#state.releaseConn();
    else this.#state.close();
    callback(error);
  }
}
