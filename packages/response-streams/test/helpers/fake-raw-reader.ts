import type { RawBodyReader, ReleaseHandle } from '@urlpool/core';
import { ProtocolError } from '@urlpool/core';

/**
 * One scripted step of a {@link FakeRawReader}:
 * - a Buffer or string: a body chunk;
 * - `{ delay }`: the next chunk is only available after `delay` ms (tryNext() says undefined);
 * - `{ error }`: next() rejects with `error` (and keeps rejecting);
 * - `{ stall: true }`: next() never settles, until destroy().
 */
export type FakeStep = Buffer | string | { delay: number } | { error: Error } | { stall: true };

/** Options of {@link FakeRawReader}. */
export interface FakeRawReaderOptions {
  /** Raw Content-Length for lengthRemaining (null: unknown). Default: null. */
  contentLength?: number | null;
  /** Reported chunked flag. Default: false. */
  chunked?: boolean;
  /**
   * Whether chunks not behind a delay are available through tryNext() (data already buffered
   * on the socket). When false, every chunk needs next(), which resolves on a later
   * macrotask. Default: true.
   */
  sync?: boolean;
}

const END = Symbol('end');
type Peeked = FakeStep | typeof END;

/**
 * In-memory RawBodyReader that plays a script of chunks, delays, errors and stalls. Steps are
 * pulled lazily from any iterable, so a generator can describe a 1 GiB body without memory.
 */
export class FakeRawReader implements RawBodyReader {
  readonly chunked: boolean;
  bytesRead = 0;
  done = false;
  /** Chunks handed out so far. */
  chunksRead = 0;
  nextCalls = 0;
  tryNextCalls = 0;
  destroyed = false;
  destroyError: Error | undefined;
  readonly #contentLength: number | null;
  readonly #sync: boolean;
  readonly #steps: Iterator<FakeStep>;
  #peeked: Peeked | null = null;
  #error: Error | null = null;
  #pendingReject: ((error: Error) => void) | null = null;

  constructor(steps: Iterable<FakeStep>, options: FakeRawReaderOptions = {}) {
    this.#steps = steps[Symbol.iterator]();
    this.#contentLength = options.contentLength ?? null;
    this.chunked = options.chunked ?? false;
    this.#sync = options.sync ?? true;
  }

  get lengthRemaining(): number | null {
    return this.#contentLength === null ? null : this.#contentLength - this.bytesRead;
  }

  tryNext(): Buffer | null | undefined {
    this.tryNextCalls++;
    if (this.destroyed || this.#error !== null || !this.#sync) return undefined;
    const step = this.#peek();
    if (step === END) return this.#end();
    if (typeof step === 'string' || Buffer.isBuffer(step)) return this.#hand(step);
    return undefined;
  }

  next(): Promise<Buffer | null> {
    this.nextCalls++;
    return new Promise<Buffer | null>((resolve, reject) => {
      this.#pendingReject = reject;
      this.#advance(resolve, reject);
    });
  }

  destroy(error?: Error): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.destroyError = error;
    const reject = this.#pendingReject;
    this.#pendingReject = null;
    reject?.(error ?? new ProtocolError('The response body was abandoned before its end.'));
  }

  #advance(resolve: (chunk: Buffer | null) => void, reject: (error: Error) => void): void {
    if (this.destroyed) {
      reject(this.destroyError ?? new ProtocolError('The response body was abandoned.'));
      return;
    }
    if (this.#error !== null) {
      reject(this.#error);
      return;
    }
    const step = this.#peek();
    if (step === END) {
      this.#settle(() => resolve(this.#end()));
    } else if (typeof step === 'string' || Buffer.isBuffer(step)) {
      // Resolve on a later macrotask, as a socket read would.
      this.#settle(() => resolve(this.#hand(step)));
    } else if ('delay' in step) {
      this.#peeked = null;
      setTimeout(() => this.#advance(resolve, reject), step.delay);
    } else if ('error' in step) {
      this.#peeked = null;
      this.#error = step.error;
      this.#settle(() => reject(step.error));
    }
    // stall: leave the promise pending until destroy().
  }

  #settle(fn: () => void): void {
    setImmediate(() => {
      if (this.destroyed) return;
      this.#pendingReject = null;
      fn();
    });
  }

  #peek(): Peeked {
    if (this.#peeked === null) {
      const r = this.#steps.next();
      this.#peeked = r.done ? END : r.value;
    }
    return this.#peeked;
  }

  #hand(step: Buffer | string): Buffer | null {
    this.#peeked = null;
    const chunk = typeof step === 'string' ? Buffer.from(step) : step;
    this.bytesRead += chunk.length;
    this.chunksRead++;
    if (chunk.length === 0)
      throw new Error('FakeRawReader: scripts must not contain empty chunks.');
    if (this.#peek() === END) this.done = true;
    return chunk;
  }

  #end(): null {
    this.done = true;
    return null;
  }
}

/** A ReleaseHandle that records each call and whether the reader was destroyed before it. */
export class FakeRelease implements ReleaseHandle {
  calls = 0;
  /** raw.destroyed at the moment of the first release() call. */
  destroyedAtRelease: boolean | undefined;
  readonly #raw: FakeRawReader | null;

  constructor(raw: FakeRawReader | null = null) {
    this.#raw = raw;
  }

  release(): void {
    this.calls++;
    if (this.calls === 1) this.destroyedAtRelease = this.#raw?.destroyed ?? false;
  }
}

/** Splits `data` into chunks of `size` bytes (the last may be shorter). */
export function chunksOf(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

/** Deterministic test bytes: `length` bytes of a repeating pattern offset by `seed`. */
export function patternBytes(length: number, seed = 0): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed + (i >> 8)) & 0xff;
  return out;
}
