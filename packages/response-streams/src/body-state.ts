import type { ChunkSource, RawBodyReader, ReleaseHandle } from '@urlpool/core';
import { concatBytes, EMPTY_BYTES, ProtocolError } from '@urlpool/core';
import { createDecodingSource, isDecodingNeeded } from '@urlpool/decoders';
import { bodySizeExceeded } from './body-size-cap.ts';
import { RawInput } from './raw-input.ts';

/** Shared empty result: read() at the end of the body returns this (never mutated). */
export const EMPTY: Buffer = EMPTY_BYTES;

/** What {@link BodyState} needs from the response that owns it. */
export interface BodyStateInit {
  raw: RawBodyReader | null;
  /** A ready body (no connection): served as is, never decoded (as urllib3 does). */
  body: Buffer | null;
  release: ReleaseHandle | null;
  autoRelease: boolean;
  contentEncoding: string | null;
  maxDecodedSize: number | undefined;
}

/** A ChunkSource that may also have a synchronous fast path (decoders may add one). */
type MaybeSyncSource = ChunkSource & { tryNext?: () => Buffer | null | undefined };

/**
 * The body of one response: pulls raw chunks from the connection's reader (or decoded chunks
 * from a decoder wrapped around it), keeps the unread tail of the last chunk, and does the
 * release / close bookkeeping. Internal: `HTTPResponse` and its stream adapters drive it.
 *
 * Reading is strictly on demand: nothing is pulled before a caller asks, and at most one chunk
 * is held beyond what was asked (the `pending` tail), so memory stays flat for any body size.
 */
export class BodyState {
  /** The cached body (`HTTPResponse.data`). */
  data: Buffer = EMPTY;
  readonly raw: RawBodyReader | null;
  readonly #release: ReleaseHandle | null;
  readonly #autoRelease: boolean;
  readonly #contentEncoding: string | null;
  readonly #maxDecodedSize: number | undefined;
  readonly #needsDecoding: boolean;
  #decoder: MaybeSyncSource | null = null;
  /** Unread tail of the last chunk handed out (a slice, never a copy). */
  #pending: Buffer | null;
  /** Whether `#pending` holds decoded bytes (true) or raw bytes (false). */
  #pendingDecoded = false;
  #rawEnded: boolean;
  #decodedEnded = false;
  #error: Error | null = null;
  /** Closed by the user (close(), or releaseConn() on an unfinished body): reads see the end. */
  #closed = false;
  /** The connection was handed back (`release()` or `releaseConnection()` called). */
  #released = false;
  /** `release()` was called: the body's outcome is reported. */
  #settled = false;
  /** A pull() is awaiting the reader: RawBodyReader.next() is not reentrant. */
  #inFlight = false;
  /** Raw bytes taken for undecoded reads, counted against maxDecodedSize. */
  #rawTaken = 0;
  /**
   * Chunks returned by cacheContent reads; null for good once a read did not cache (the body
   * can then never be cached whole, and urllib3 2.7 leaves `data` empty).
   */
  #cache: Buffer[] | null = [];
  /** Bytes handed out by tryPull/pull, and how many of them cacheContent reads recorded. */
  #handedOut = 0;
  #cachedBytes = 0;

  constructor(init: BodyStateInit) {
    this.raw = init.raw;
    this.#release = init.release;
    this.#autoRelease = init.autoRelease;
    this.#contentEncoding = init.contentEncoding;
    this.#maxDecodedSize = init.maxDecodedSize;
    this.#pending = init.body !== null && init.body.length > 0 ? init.body : null;
    this.#rawEnded = init.raw === null;
    // Most responses carry no Content-Encoding: skip the decoder lookup for them.
    this.#needsDecoding =
      init.raw !== null && init.contentEncoding !== null && isDecodingNeeded(init.contentEncoding);
    if (init.body !== null && init.raw === null) this.data = init.body;
  }

  /** True once the connection has been handed back (or there never was one). */
  get released(): boolean {
    return this.#released;
  }

  /** True once the reader has reported the end of the raw body. */
  get rawEnded(): boolean {
    return this.#rawEnded;
  }

  /**
   * True once the response was closed or failed, or its body is over: the raw end was seen,
   * or the reader received the whole body (Content-Length, last chunk) and the caller has
   * taken every byte of it. As urllib3 (its fp closes when the length is consumed), a
   * known-length body is closed by the read that takes its last byte, without a further empty
   * read; and never while bytes are still unread, so "read until closed" loses nothing.
   */
  get closed(): boolean {
    if (this.#closed || this.#error !== null) return true;
    if (!this.#rawEnded && !this.raw!.done) return false;
    if (this.#pending !== null) return this.raw === null;
    return !(this.#needsDecoding && this.#decoder !== null && !this.#decodedEnded);
  }

  /** True when every byte of the body has been handed out (or the response is closed). */
  get finished(): boolean {
    if (this.#closed || this.#error !== null) return true;
    if (this.#pending !== null) return false;
    return this.#needsDecoding && this.#decoder !== null ? this.#decodedEnded : this.#rawEnded;
  }

  /**
   * Synchronous pull: a chunk of at most `max` bytes, null at the end, or undefined when the
   * caller must await {@link BodyState.pull}. Throws (after destroying and releasing) on error.
   */
  tryPull(max: number, decode: boolean): Buffer | null | undefined {
    if (this.#error !== null) throw this.#error;
    if (this.#closed) return null;
    const decoding = decode && this.#needsDecoding;
    // Usage errors throw without closing the connection: the body is still readable.
    if (this.#inFlight) {
      throw new TypeError(
        'Another read of this response is still pending: await it before reading again.',
      );
    }
    if (!decoding && this.#decoder !== null) {
      throw new TypeError(
        'Calling read(…, { decodeContent: false }) is not supported after a decoded read of ' +
          'the same response (urllib3 neither): read it with one decodeContent setting.',
      );
    }
    let chunk: Buffer | null | undefined;
    try {
      chunk = this.#tryChunk(max, decoding);
    } catch (error) {
      throw this.#fail(error);
    }
    if (chunk) this.#handedOut += chunk.length;
    return chunk;
  }

  /** Asynchronous pull: a chunk of at most `max` bytes, or null at the end. */
  async pull(max: number, decode: boolean): Promise<Buffer | null> {
    const sync = this.tryPull(max, decode);
    if (sync !== undefined) return sync;
    const decoding = decode && this.#needsDecoding;
    let chunk: Buffer | null;
    this.#inFlight = true;
    try {
      chunk = decoding ? await this.#decoder!.next() : await this.raw!.next();
    } catch (error) {
      // Our own close() destroyed the reader under a pending read: report what it said.
      if (this.#closed && this.#error === null) throw error;
      throw this.#fail(error);
    } finally {
      this.#inFlight = false;
    }
    if (this.#error !== null) throw this.#error;
    if (this.#closed) return null;
    let accepted: Buffer | null;
    try {
      accepted = this.#accept(chunk, max, decoding);
    } catch (error) {
      throw this.#fail(error);
    }
    if (accepted !== null) this.#handedOut += accepted.length;
    return accepted;
  }

  /**
   * Cache bookkeeping for reads made with `cacheContent` (urllib3 semantics, extended to partial
   * reads): at the end of the body, `data` becomes the whole body when every byte handed out
   * went through a caching read. After any read that did not cache (read, read1, stream, a
   * Readable or web stream), `data` stays empty, as in urllib3 2.7: it never holds a truncated
   * body.
   */
  record(chunk: Buffer | null, cache: boolean): void {
    const cached = this.#cache;
    if (chunk === null) {
      if (cache && cached !== null && cached.length > 0 && this.#cachedBytes === this.#handedOut) {
        this.data = concat(cached);
      }
      this.#cache = null;
    } else if (!cache) {
      this.#cache = null;
    } else if (cached !== null) {
      cached.push(chunk);
      this.#cachedBytes += chunk.length;
    }
  }

  /** Raw bytes received but not yet handed to the caller (the undecoded pending tail). */
  get rawUnread(): number {
    const pending = this.#pending;
    return pending === null || this.#pendingDecoded || this.raw === null ? 0 : pending.length;
  }

  /** Reads the rest of the body into one Buffer (preload() and read() without amt). */
  async readAll(decode: boolean): Promise<Buffer> {
    return this.readAllNowOrLater(decode);
  }

  /**
   * The rest of the body into one Buffer: the Buffer itself when the reader already holds all
   * of it (a small response arrives with its head), else a Promise. Throws like tryPull.
   * Why: a preloaded small response then costs no promise and no async frame for its body.
   */
  readAllNowOrLater(decode: boolean): Buffer | Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = this.tryPull(Number.POSITIVE_INFINITY, decode);
      if (chunk === undefined) return this.#readRest(chunks, total, decode);
      if (chunk === null) return concatBytes(chunks, total);
      chunks.push(chunk);
      total += chunk.length;
    }
  }

  async #readRest(chunks: Buffer[], total: number, decode: boolean): Promise<Buffer> {
    for (;;) {
      // Chunks the reader already holds are taken synchronously; one await only when it has
      // nothing buffered (no promise per chunk for a body that is already here).
      let chunk = this.tryPull(Number.POSITIVE_INFINITY, decode);
      if (chunk === undefined) chunk = await this.pull(Number.POSITIVE_INFINITY, decode);
      if (chunk === null) break;
      chunks.push(chunk);
      total += chunk.length;
    }
    return concatBytes(chunks, total);
  }

  /** Reads exactly `amt` bytes, or fewer at the end of the body; empty only at the end. */
  async readAmount(amt: number, decode: boolean): Promise<Buffer> {
    let first = this.tryPull(amt, decode);
    if (first === undefined) first = await this.pull(amt, decode);
    if (first === null) return EMPTY;
    if (first.length === amt) return first;
    const chunks = [first];
    let total = first.length;
    while (total < amt) {
      let chunk = this.tryPull(amt - total, decode);
      if (chunk === undefined) chunk = await this.pull(amt - total, decode);
      if (chunk === null) break;
      chunks.push(chunk);
      total += chunk.length;
    }
    return chunks.length === 1 ? first : concatBytes(chunks, total);
  }

  /** Reads and discards the rest of the raw body, then releases; on error closes instead. */
  async drain(): Promise<void> {
    const raw = this.raw;
    if (raw !== null && !this.#rawEnded && !this.#closed && this.#error === null) {
      this.#pending = null;
      try {
        for (;;) {
          let chunk = raw.tryNext();
          if (chunk === undefined) chunk = await raw.next();
          if (chunk === null) break;
        }
        this.#onRawEnd();
      } catch (error) {
        this.#fail(error);
        return;
      }
    }
    this.releaseConn();
  }

  /** Hands the connection back: returned to the pool when the body is complete, else closed. */
  releaseConn(): void {
    if (this.#settled) return;
    const raw = this.raw;
    if (raw !== null && !this.#rawEnded && !raw.done) {
      // Destroy first so the pool sees the connection as not reusable.
      this.#closed = true;
      this.#pending = null;
      raw.destroy();
      this.#decoder?.destroy();
    }
    this.#releaseNow();
  }

  /** Closes the connection (never returned to the pool) and ends the body for readers. */
  close(): void {
    this.#closed = true;
    this.#pending = null;
    if (this.#settled) return;
    // Once the connection went back (raw end, decoding pending) it may serve another request:
    // only the outcome is left to report.
    if (!this.#released) {
      this.raw?.destroy();
      this.#decoder?.destroy();
    }
    this.#releaseNow();
  }

  /** Aborts a read in progress: it (and any later read) rejects with a ProtocolError. */
  shutdown(): void {
    // Nothing to abort once the raw body has ended: decoded leftovers need no socket.
    if (this.#error !== null || this.#closed || this.#rawEnded) return;
    this.#fail(
      new ProtocolError(
        'The response was shut down (response.shutdown()) while its body was being read; ' +
          'the connection was closed. Make a new request to read the body again.',
      ),
    );
  }

  /**
   * Asked for raw data after the raw end (or with no raw reader at all, e.g. a bodiless
   * response built without one): make sure auto-release happened.
   */
  #atRawEnd(): null {
    if (this.#autoRelease) this.#releaseNow();
    return null;
  }

  /** For preload() on an already finished body: auto-release if due. */
  settle(): void {
    if (this.#rawEnded) this.#atRawEnd();
  }

  /** Raw-body end: the connection is free; give it back now when auto-release is on. */
  #onRawEnd(): void {
    this.#rawEnded = true;
    if (!this.#autoRelease) return;
    const handle = this.#release;
    // Decoding still runs: a stream cut short fails only now, at the decoder's end of input.
    // The connection goes back at once; the outcome is reported at the decoded end or failure.
    if (
      this.#decoder !== null &&
      !this.#decodedEnded &&
      handle !== null &&
      handle.releaseConnection !== undefined
    ) {
      if (!this.#released) {
        this.#released = true;
        handle.releaseConnection();
      }
      return;
    }
    this.#releaseNow();
  }

  /** Hands the connection back (if not yet) and reports the outcome: once. */
  #releaseNow(error?: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#released = true;
    this.#release?.release(error);
  }

  /** Records the first error, destroys the reader and decoder, frees the pool slot. */
  #fail(error: unknown): Error {
    if (this.#error !== null) return this.#error;
    const err =
      error instanceof Error ? error : new ProtocolError(`Reading the body failed: ${error}`);
    this.#error = err;
    this.#pending = null;
    this.raw?.destroy(err);
    this.#decoder?.destroy(err);
    this.#releaseNow(err);
    return err;
  }

  #tryChunk(max: number, decoding: boolean): Buffer | null | undefined {
    const pending = this.#pending;
    // A raw tail with decoding requested stays put: RawInput feeds it to the decoder first.
    if (pending !== null && this.#pendingDecoded === decoding) return this.#take(pending, max);
    if (decoding) {
      if (this.#decodedEnded) return null;
      const decoder = this.#decoder ?? this.#createDecoder();
      if (decoder.tryNext === undefined) return undefined;
      const chunk = decoder.tryNext();
      return chunk === undefined ? undefined : this.#accept(chunk, max, true);
    }
    if (this.#rawEnded) return this.#atRawEnd();
    const chunk = this.raw!.tryNext();
    return chunk === undefined ? undefined : this.#accept(chunk, max, false);
  }

  /** Books a freshly pulled chunk: end detection, then trims it to `max`. */
  #accept(chunk: Buffer | null, max: number, decoded: boolean): Buffer | null {
    if (chunk === null) {
      if (decoded) {
        this.#decodedEnded = true;
        // The connection went back at the raw end: decoding succeeded, report it.
        if (this.#released) this.#releaseNow();
      } else {
        this.#onRawEnd();
      }
      return null;
    }
    // Decoded output is capped by the decoder chain; undecoded output here (a throw fails the
    // body: reader destroyed, connection closed, nothing more read).
    const cap = this.#maxDecodedSize;
    if (!decoded && cap !== undefined && (this.#rawTaken += chunk.length) > cap) {
      throw bodySizeExceeded(cap);
    }
    if (chunk.length <= max) return chunk;
    this.#pendingDecoded = decoded;
    return this.#take(chunk, max);
  }

  #take(chunk: Buffer, max: number): Buffer {
    if (chunk.length <= max) {
      this.#pending = null;
      return chunk;
    }
    this.#pending = chunk.subarray(max);
    return chunk.subarray(0, max);
  }

  #createDecoder(): MaybeSyncSource {
    const options =
      this.#maxDecodedSize === undefined ? {} : { maxDecodedSize: this.#maxDecodedSize };
    const decoder: MaybeSyncSource = createDecodingSource(
      new RawInput(this),
      this.#contentEncoding,
      options,
    );
    this.#decoder = decoder;
    return decoder;
  }

  /** Raw input for the decoder (see RawInput): the raw tail first, then the reader. */
  takeRawTail(): Buffer | null {
    const pending = this.#pending;
    if (pending === null || this.#pendingDecoded) return null;
    this.#pending = null;
    return pending;
  }

  /** Called by RawInput with each raw chunk it hands the decoder (null = raw end). */
  noteRaw(chunk: Buffer | null): Buffer | null {
    if (chunk === null && !this.#rawEnded) this.#onRawEnd();
    return chunk;
  }
}

function concat(chunks: Buffer[]): Buffer {
  if (chunks.length === 0) return EMPTY;
  return concatBytes(chunks);
}
