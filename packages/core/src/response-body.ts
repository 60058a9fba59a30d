/**
 * A pull-based source of byte chunks: the shape shared by raw bodies, decoders and readers
 * built on them. `next()` resolves with the next non-empty chunk, or null at the end.
 */
export interface ChunkSource {
  next(): Promise<Buffer | null>;
  /** Stops the source; a pending or later `next()` rejects with `error`. Idempotent. */
  destroy(error?: Error): void;
}

/**
 * The raw (undecoded, de-framed) body of one response, as a connection hands it to an
 * `HTTPResponse`. Chunks are slices of socket reads: no copies. The reader applies backpressure:
 * while nobody asks for chunks, the socket is not read.
 */
export interface RawBodyReader extends ChunkSource {
  /**
   * Resolves with the next chunk, or null at the end of the body. Rejects with `ProtocolError`
   * (`IncompleteRead`, `InvalidChunkLength`), `ReadTimeoutError`, or the abort reason.
   */
  next(): Promise<Buffer | null>;
  /**
   * Synchronous fast path: a chunk already buffered, null at the end of the body, or undefined
   * when the caller must await {@link RawBodyReader.next}.
   */
  tryNext(): Buffer | null | undefined;
  /** True once the whole body has been received. */
  readonly done: boolean;
  /** Raw body bytes received so far (what `tell()` reports). */
  readonly bytesRead: number;
  /** Raw bytes still expected per Content-Length, or null when the length is unknown. */
  readonly lengthRemaining: number | null;
  /** True when the body is chunked (`Transfer-Encoding: chunked`). */
  readonly chunked: boolean;
  /**
   * Stops reading: a pending or later `next()` rejects with `error` (default: a ProtocolError
   * saying the body was abandoned) and the connection will not be reused. Idempotent.
   */
  destroy(error?: Error): void;
}

/**
 * How a response gives its connection back. The pool supplies it; the response never imports
 * the pool. `release()` returns the connection for reuse if its body was completely read and
 * the connection may be kept alive, otherwise closes it. Calls after the first are ignored.
 */
export interface ReleaseHandle {
  /**
   * @param error - given when the body failed while the connection was held (read timeout,
   *   IncompleteRead, reset, decode error, abort): the connection is closed, and the pool
   *   reports the failure (`urlpool:request:error` instead of `urlpool:request:end`).
   */
  release(error?: Error): void;
  /**
   * Optional: gives the connection back before the body's outcome is known. A decoded body can
   * still fail after its last raw byte arrived (a gzip trailer cut short fails only at the end
   * of input), so the response calls this at the raw end and `release()` later, once decoding
   * ended or failed: that call only reports the outcome (`urlpool:request:end`, or
   * `urlpool:request:error` with the `DecodeError`). Without it, `release()` is called at the
   * raw end and a later decoding failure is not reported.
   */
  releaseConnection?(): void;
}
