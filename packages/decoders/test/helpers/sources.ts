import type { ChunkSource } from '@urlpool/core';

/** A raw body source over fixed chunks that records how it was used. */
export class ArraySource implements ChunkSource {
  pulls = 0;
  bytesPulled = 0;
  destroyed: Error | undefined | null = null;
  private index = 0;
  private readonly chunks: Buffer[];

  constructor(chunks: Buffer[]) {
    this.chunks = chunks;
  }

  async next(): Promise<Buffer | null> {
    if (this.destroyed !== null) throw this.destroyed ?? new Error('destroyed');
    if (this.index >= this.chunks.length) return null;
    return this.take();
  }

  protected take(): Buffer {
    this.pulls++;
    const chunk = this.chunks[this.index++]!;
    this.bytesPulled += chunk.length;
    return chunk;
  }

  get remaining(): number {
    return this.chunks.length - this.index;
  }

  destroy(error?: Error): void {
    if (this.destroyed === null) this.destroyed = error;
  }
}

/** An {@link ArraySource} with RawBodyReader's synchronous `tryNext()` (all data "arrived"). */
export class SyncArraySource extends ArraySource {
  syncPulls = 0;

  tryNext(): Buffer | null | undefined {
    if (this.destroyed !== null) throw this.destroyed ?? new Error('destroyed');
    if (this.remaining === 0) return null;
    this.syncPulls++;
    // Same bookkeeping as next(), synchronously.
    return this.take();
  }
}

/** A raw body source that repeats `unit` (split into `chunkSize` pieces) `times` times. */
export class RepeatSource implements ChunkSource {
  bytesPulled = 0;
  destroyed = false;
  private readonly pieces: Buffer[];
  private index = 0;
  private round = 0;
  private readonly times: number;

  constructor(unit: Buffer, times: number, chunkSize = 65_536) {
    this.pieces = split(unit, chunkSize);
    this.times = times;
  }

  async next(): Promise<Buffer | null> {
    if (this.destroyed) throw new Error('destroyed');
    if (this.index === this.pieces.length) {
      this.index = 0;
      this.round++;
    }
    if (this.round >= this.times) return null;
    const piece = this.pieces[this.index++]!;
    this.bytesPulled += piece.length;
    return piece;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

/** Splits `buf` into views of at most `size` bytes (none for an empty buffer). */
export function split(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < buf.length; at += size) out.push(buf.subarray(at, at + size));
  return out;
}

/** A source over `buf` cut into `size`-byte chunks. */
export function chunksOf(buf: Buffer, size: number): ArraySource {
  return new ArraySource(split(buf, size));
}

/** Reads a source to the end, checking every chunk is a non-empty Buffer of at most 64 KiB. */
export async function readAll(source: ChunkSource): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let chunk = await source.next(); chunk !== null; chunk = await source.next()) {
    if (!Buffer.isBuffer(chunk)) throw new Error('chunk is not a Buffer');
    if (chunk.length === 0) throw new Error('empty chunk');
    if (chunk.length > 65_536) throw new Error(`chunk of ${chunk.length} bytes > 64 KiB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The rejection of `promise` (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
