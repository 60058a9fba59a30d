import { IncompleteRead, ProtocolError, type RawBodyReader } from '@urlpool/core';

/** Options of {@link WebStreamBody}. */
export interface WebStreamBodyOptions {
  /**
   * Body bytes the stream must deliver (a Content-Length that describes the bytes of this
   * stream), or null when unknown. A stream that ends short throws `IncompleteRead`, one that
   * delivers more throws `ProtocolError`.
   * @default null
   */
  readonly length?: number | null | undefined;
  /**
   * Turns an error the stream rejected with (an abort reason, a runtime's `TypeError`) into
   * the error reads report: fetch-backed transports map their timeouts and aborts here.
   * @default the error as is
   */
  readonly mapError?: ((error: unknown) => Error) | undefined;
  /**
   * Turns one chunk of the stream into the byte type reads hand out (Node: a `Buffer` view on
   * the same memory, no copy). Chunks must stay views: the adapter never copies.
   * @default the chunk as is
   */
  readonly toChunk?: ((chunk: Uint8Array) => Buffer) | undefined;
}

/**
 * A {@link RawBodyReader} over a web `ReadableStream<Uint8Array>` (a `fetch` response body,
 * a Blob's stream...), so an `HTTPResponse` can be fed from a runtime's own HTTP client with
 * the same `read(amt)`, `stream()`, `toWebStream()` and release semantics as a socket body.
 *
 * Reads are strictly on demand: the stream is read only when the response asks for a chunk
 * (backpressure reaches the runtime). `destroy()` cancels the stream.
 *
 * @example
 * ```ts
 * const res = await fetch(url);
 * const r = new HTTPResponse({ status: res.status, raw: new WebStreamBody(res.body!) });
 * for await (const chunk of r.stream(16384)) use(chunk);
 * ```
 */
export class WebStreamBody implements RawBodyReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #length: number | null;
  readonly #mapError: ((error: unknown) => Error) | undefined;
  readonly #toChunk: ((chunk: Uint8Array) => Buffer) | undefined;
  #bytesRead = 0;
  #done = false;
  #error: Error | null = null;
  // Bound once per body: the read loop would otherwise allocate two closures per chunk.
  readonly #onRead: (result: ReadableStreamReadResult<Uint8Array>) => Promise<Buffer | null>;
  readonly #onError: (error: unknown) => never;

  constructor(stream: ReadableStream<Uint8Array>, options: WebStreamBodyOptions = {}) {
    this.#reader = stream.getReader();
    this.#length = options.length ?? null;
    this.#mapError = options.mapError;
    this.#toChunk = options.toChunk;
    this.#onRead = (result) => this.#accept(result);
    this.#onError = (error) => {
      throw this.#fail(error);
    };
  }

  get done(): boolean {
    return this.#done;
  }

  get bytesRead(): number {
    return this.#bytesRead;
  }

  get lengthRemaining(): number | null {
    return this.#length === null ? null : Math.max(0, this.#length - this.#bytesRead);
  }

  /** A web stream carries no framing of its own; the runtime de-chunked it already. */
  get chunked(): boolean {
    return false;
  }

  next(): Promise<Buffer | null> {
    if (this.#error !== null) return Promise.reject(this.#error);
    if (this.#done) return Promise.resolve(null);
    return this.#reader.read().then(this.#onRead, this.#onError);
  }

  /** Web streams have no synchronous read: only the end (or an error) is known at once. */
  tryNext(): Buffer | null | undefined {
    if (this.#error !== null) throw this.#error;
    return this.#done ? null : undefined;
  }

  destroy(error?: Error): void {
    if (this.#done || this.#error !== null) return;
    this.#error =
      error ??
      new ProtocolError(
        'The response body was abandoned before its end (the response was closed or released unread).',
      );
    // cancel() settles a pending read() with done: the pending next() then reports #error.
    this.#reader.cancel(this.#error).catch(ignore);
  }

  async #accept(result: ReadableStreamReadResult<Uint8Array>): Promise<Buffer | null> {
    if (this.#error !== null) throw this.#error;
    if (result.done) {
      const length = this.#length;
      if (length !== null && this.#bytesRead < length) {
        throw this.#fail(new IncompleteRead(this.#bytesRead, length - this.#bytesRead));
      }
      this.#done = true;
      this.#reader.releaseLock();
      return null;
    }
    const value = result.value;
    if (value.byteLength === 0) return this.next();
    this.#bytesRead += value.byteLength;
    if (this.#length !== null && this.#bytesRead > this.#length) {
      throw this.#fail(
        new ProtocolError(
          `The response body is longer than its Content-Length (${this.#length} bytes): ` +
            `${this.#bytesRead} bytes arrived.`,
        ),
      );
    }
    return this.#toChunk === undefined ? (value as Buffer) : this.#toChunk(value);
  }

  #fail(error: unknown): Error {
    if (this.#error !== null) return this.#error;
    const mapped =
      this.#mapError !== undefined
        ? this.#mapError(error)
        : error instanceof Error
          ? error
          : new ProtocolError(`Reading the response body failed: ${String(error)}`);
    this.#error = mapped;
    this.#reader.cancel(mapped).catch(ignore);
    return mapped;
  }
}

function ignore(): void {}
