import type { ChunkSource } from '@urlpool/core';
import { decodedSizeExceeded } from './decode-error.ts';
import type { SyncChunkSource } from './decoder-source.ts';

/**
 * Enforces `maxDecodedSize` on the output of a decoding chain: the chunk that takes the total
 * past the cap is not returned; the chain is destroyed and a `DecodeError` naming the cap is
 * thrown instead. Decoders produce at most 64 KiB per pull, so a bomb is stopped within one
 * chunk of the cap without ever being expanded further.
 */
export class CappedSource implements ChunkSource {
  private readonly inner: ChunkSource;
  private readonly limit: number;
  private total = 0;
  private failure: Error | null = null;
  private readonly onChunk: (chunk: Buffer | null) => Buffer | null;

  constructor(inner: ChunkSource, limit: number) {
    this.inner = inner;
    this.limit = limit;
    // Bound once, attached to every chunk's promise.
    this.onChunk = (chunk) => {
      if (chunk === null) return null;
      this.total += chunk.length;
      if (this.total > this.limit) {
        const error = decodedSizeExceeded(this.limit);
        this.failure = error;
        this.inner.destroy(error);
        throw error;
      }
      return chunk;
    };
  }

  next(): Promise<Buffer | null> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return this.inner.next().then(this.onChunk);
  }

  /** Synchronous fast path of the decoder underneath, with the cap applied. */
  tryNext(): Buffer | null | undefined {
    if (this.failure !== null) throw this.failure;
    const chunk = (this.inner as SyncChunkSource).tryNext?.();
    return chunk === undefined ? undefined : this.onChunk(chunk);
  }

  destroy(error?: Error): void {
    this.inner.destroy(error);
  }
}
