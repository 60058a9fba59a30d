import { bytesView, type ChunkSource } from '@urlpool/core';

/**
 * Adapts an async iterable of byte chunks to a {@link ChunkSource}: empty chunks are skipped,
 * `Uint8Array`s are viewed as Buffers without copying, and `destroy()` ends the iterator.
 */
export class IterableSource implements ChunkSource {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private failure: Error | null = null;
  private done = false;

  constructor(iterable: AsyncIterable<Uint8Array>) {
    this.iterator = iterable[Symbol.asyncIterator]();
  }

  async next(): Promise<Buffer | null> {
    for (;;) {
      if (this.failure !== null) throw this.failure;
      if (this.done) return null;
      const result = await this.iterator.next();
      if (this.failure !== null) throw this.failure;
      if (result.done === true) {
        this.done = true;
        return null;
      }
      const value = result.value;
      if (value.length === 0) continue;
      return bytesView(value);
    }
  }

  destroy(error?: Error): void {
    if (this.failure !== null) return;
    this.failure = error ?? new Error('The decoded stream was destroyed.');
    if (!this.done) {
      this.done = true;
      // Let the producer clean up (close files, sockets); its own errors are not ours to report.
      this.iterator.return?.().catch(() => {});
    }
  }
}
