import type { ChunkSource } from '@urlpool/core';

/**
 * A {@link ChunkSource} fed by a writer, one chunk at a time: `offer(chunk, taken)` parks a
 * chunk until the reader pulls it, then calls `taken` so the writer may offer the next one.
 * This is how a Node `Transform` hands its writes to a pull-based decoder with backpressure.
 */
export class PushSource implements ChunkSource {
  private chunk: Buffer | null = null;
  private taken: (() => void) | null = null;
  private ended = false;
  private failure: Error | null = null;
  private waiter: ((chunk: Buffer | null) => void) | null = null;
  private rejecter: ((error: Error) => void) | null = null;

  /** Parks `chunk` for the reader; `taken` runs once the reader has pulled it. */
  offer(chunk: Buffer, taken: () => void): void {
    const waiter = this.waiter;
    if (waiter !== null) {
      this.waiter = null;
      this.rejecter = null;
      waiter(chunk);
      taken();
      return;
    }
    this.chunk = chunk;
    this.taken = taken;
  }

  /** No more chunks will be offered. */
  end(): void {
    this.ended = true;
    const waiter = this.waiter;
    if (waiter !== null && this.chunk === null) {
      this.waiter = null;
      this.rejecter = null;
      waiter(null);
    }
  }

  next(): Promise<Buffer | null> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const chunk = this.chunk;
    if (chunk !== null) {
      const taken = this.taken!;
      this.chunk = null;
      this.taken = null;
      taken();
      return Promise.resolve(chunk);
    }
    if (this.ended) return Promise.resolve(null);
    return new Promise<Buffer | null>((resolve, reject) => {
      this.waiter = resolve;
      this.rejecter = reject;
    });
  }

  destroy(error?: Error): void {
    if (this.failure !== null) return;
    this.failure = error ?? new Error('The decoder stream was destroyed.');
    const rejecter = this.rejecter;
    this.waiter = null;
    this.rejecter = null;
    rejecter?.(this.failure);
  }
}
