import type { ChunkSource } from '@urlpool/core';
import { ProtocolError } from '@urlpool/core';
import type { ZlibPump } from './zlib-pump.ts';

/** A source with a synchronous fast path, like `RawBodyReader` (and every decoder here). */
export type SyncChunkSource = ChunkSource & { tryNext?: () => Buffer | null | undefined };

/**
 * Shared plumbing for one decoding stage: remembers the first failure (every later `next()`
 * rejects with it), returns null forever once finished, and propagates `destroy()` upstream.
 * Subclasses implement {@link DecoderSource.produce} and {@link DecoderSource.release}.
 */
export abstract class DecoderSource implements ChunkSource {
  protected readonly upstream: ChunkSource;
  /** The coding as the server named it, for error messages. */
  protected readonly coding: string;
  protected failure: Error | null = null;
  protected finished = false;
  /** True once upstream returned null (it is never asked again). */
  protected inputEnded = false;
  /** A produce() is running: tryNext() must not interleave with it. */
  private busy = false;
  /** The promise of the running produce(), so an overlapping next() queues behind it. */
  private current: Promise<Buffer | null> | null = null;
  private readonly nextAfter: () => Promise<Buffer | null>;
  private readonly onFailure: (error: unknown) => never;
  private readonly onChunk: (chunk: Buffer | null) => Buffer | null;

  constructor(upstream: ChunkSource, coding: string) {
    this.upstream = upstream;
    this.coding = coding;
    // Bound once: next() attaches them to every chunk's promise.
    this.nextAfter = () => this.next();
    this.onChunk = (chunk: Buffer | null) => {
      this.busy = false;
      // destroy() may have been called while this chunk was being produced.
      if (this.failure !== null) throw this.failure;
      return chunk;
    };
    this.onFailure = (error: unknown) => {
      this.busy = false;
      const failure = this.failure ?? (error instanceof Error ? error : new Error(String(error)));
      if (this.failure === null) {
        this.failure = failure;
        this.release();
        this.upstream.destroy(failure);
      }
      throw failure;
    };
  }

  next(): Promise<Buffer | null> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.finished) return Promise.resolve(null);
    // Callers normally await each next(); one that does not is served in order, not in parallel.
    if (this.busy) return this.current!.then(this.nextAfter, this.nextAfter);
    this.busy = true;
    this.current = this.produce().then(this.onChunk, this.onFailure);
    return this.current;
  }

  /**
   * Synchronous fast path: a decoded chunk that is ready now, null at the end, or undefined
   * when the caller must await {@link DecoderSource.next}. Throws what `next()` would reject
   * with. (Not part of `ChunkSource`; `HTTPResponse` uses it when present.)
   */
  tryNext(): Buffer | null | undefined {
    if (this.failure !== null) throw this.failure;
    if (this.finished) return null;
    if (this.busy) return undefined;
    try {
      return this.tryProduce();
    } catch (error) {
      return this.onFailure(error);
    }
  }

  destroy(error?: Error): void {
    if (this.failure !== null) return;
    this.failure =
      error ?? new ProtocolError('The response body was destroyed before it was fully decoded.');
    this.release();
    this.upstream.destroy(error);
  }

  /** The next raw chunk from upstream, or null at its end (upstream is not asked again). */
  protected async pull(): Promise<Buffer | null> {
    if (this.inputEnded) return null;
    const chunk = await this.upstream.next();
    if (chunk === null) this.inputEnded = true;
    return chunk;
  }

  /**
   * Keeps the zlib engine busy: once it has consumed its input, hands it the next raw chunk if
   * upstream already holds one (synchronous `tryNext()` only: never starts a read of its own).
   * Called when a decoded chunk is handed out, so the threadpool inflates the next input while
   * the caller handles this chunk, instead of idling until the next `next()`. At most one raw
   * chunk is taken ahead of need, and only one the connection had already received.
   */
  protected feedAhead(pump: ZlibPump): void {
    if (pump.writing || pump.stalled || this.inputEnded) return;
    const upstream = this.upstream as SyncChunkSource;
    if (upstream.tryNext === undefined) return;
    const chunk = upstream.tryNext();
    if (chunk === undefined) return;
    if (chunk === null) {
      this.inputEnded = true;
      pump.end();
    } else {
      pump.write(chunk);
    }
  }

  /** Produces the next decoded chunk, or null (after setting `finished`) at the end. */
  protected abstract produce(): Promise<Buffer | null>;

  /** A chunk that can be produced without waiting, or undefined. */
  protected abstract tryProduce(): Buffer | undefined;

  /** Frees engines and wakes anything waiting; called once on failure or destroy. */
  protected abstract release(): void;

  /**
   * Reads and discards the rest of the raw body once the decoded stream is complete, so the
   * connection underneath is left at the end of the body and can be reused (urllib3 reads the
   * whole body too; trailing data after a complete stream is ignored).
   */
  protected async finish(): Promise<null> {
    while ((await this.pull()) !== null) {
      // discard trailing bytes
    }
    this.finished = true;
    this.release();
    return null;
  }
}
