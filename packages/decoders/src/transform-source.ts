import type { ChunkSource } from '@urlpool/core';
import { decodeFailure } from './decode-error.ts';
import { DecoderSource } from './decoder-source.ts';
import { ZlibPump, type ZlibTransform } from './zlib-pump.ts';

/**
 * Makes the zlib stream for a body, given its first bytes (at least `sniffBytes` of them, fewer
 * only when the body is that short), so deflate can choose zlib-wrapped or raw.
 */
export type EngineFactory = (head: Buffer) => ZlibTransform;

/**
 * One decoding stage over a single Node zlib stream (deflate, br, native zstd). Input is pulled
 * from upstream only when the engine has consumed the previous chunk and has no output ready.
 * An empty body decodes to an empty body; data after the end of the compressed stream is read
 * and ignored.
 */
export class TransformSource extends DecoderSource {
  private readonly createEngine: EngineFactory;
  private readonly sniffBytes: number;
  private pump: ZlibPump | null = null;
  private head: Buffer | null = null;

  constructor(upstream: ChunkSource, coding: string, createEngine: EngineFactory, sniffBytes = 1) {
    super(upstream, coding);
    this.createEngine = createEngine;
    this.sniffBytes = sniffBytes;
  }

  protected async produce(): Promise<Buffer | null> {
    for (;;) {
      const pump = this.pump;
      if (pump !== null) {
        const chunk = this.tryProduce();
        if (chunk !== undefined) return chunk;
        if (pump.error !== null) throw decodeFailure(this.coding, pump.error);
        if (this.failure !== null) throw this.failure;
        if (pump.ended) return this.finish();
        if (pump.writing || pump.stalled || this.inputEnded) {
          await pump.wait();
          continue;
        }
      }
      const input = await this.pull();
      if (input === null) {
        if (pump !== null) pump.end();
        else if (this.head !== null) this.start(this.head).end();
        else return this.finish(); // empty body
      } else if (pump !== null) {
        pump.write(input);
      } else {
        const head = this.head === null ? input : Buffer.concat([this.head, input]);
        if (head.length < this.sniffBytes) this.head = head;
        else this.start(head);
      }
    }
  }

  protected tryProduce(): Buffer | undefined {
    const pump = this.pump;
    if (pump === null) return undefined;
    const chunk = pump.read();
    if (chunk === null) return undefined;
    this.feedAhead(pump);
    return chunk;
  }

  private start(head: Buffer): ZlibPump {
    this.head = null;
    const pump = new ZlibPump(this.createEngine(head));
    this.pump = pump;
    pump.write(head);
    return pump;
  }

  protected release(): void {
    this.pump?.destroy();
  }
}
