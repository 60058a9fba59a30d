import { bytesView, type ChunkSource, EMPTY_BYTES } from '@urlpool/core';
import { DependencyWarning, warnOnce } from '@urlpool/warnings';
import type { Decompress } from 'fzstd';
import { decodeFailure } from './decode-error.ts';
import { DecoderSource } from './decoder-source.ts';
import { MAX_CHUNK } from './zlib-pump.ts';
import { ZstdBlockTracker } from './zstd-block-tracker.ts';

type FzstdModule = typeof import('fzstd');
let fzstdModule: Promise<FzstdModule> | undefined;

/** Loads fzstd on first use only (dynamic import), so runtimes that never see zstd skip it. */
function loadFzstd(): Promise<FzstdModule> {
  fzstdModule ??= import('fzstd');
  return fzstdModule;
}

/**
 * zstd decoding with the pure-JS `fzstd` package, for runtimes whose zlib has no zstd (Node
 * before 22.15). Frames are decoded one after another (multi-frame bodies work); output is
 * re-sliced to at most 64 KiB per chunk. When fzstd cannot be loaded, a `DependencyWarning`
 * is emitted and reading fails with a `DecodeError` that says how to fix it.
 */
export class FzstdSource extends DecoderSource {
  private decoder: Decompress | null = null;
  /**
   * fzstd's `push()` decodes every complete block it is given, synchronously, and cannot be
   * paused; a 4-byte RLE block expands to 128 KiB. So input is cut at block ends and handed
   * over one block at a time, each push only once the previous block's output was read.
   */
  private readonly tracker = new ZstdBlockTracker();
  private readonly output: Buffer[] = [];
  private input: Buffer | null = null;
  private offset = 0;
  private readonly onData: (data: Uint8Array) => void;

  constructor(upstream: ChunkSource, coding = 'zstd') {
    super(upstream, coding);
    this.onData = (data: Uint8Array) => {
      // fzstd hands out a fresh array per block: wrapping it is safe and copies nothing.
      for (let at = 0; at < data.length; at += MAX_CHUNK) {
        const end = Math.min(at + MAX_CHUNK, data.length);
        this.output.push(bytesView(data.subarray(at, end)));
      }
    };
  }

  protected async produce(): Promise<Buffer | null> {
    const output = this.output;
    for (;;) {
      const ready = this.tryProduce();
      if (ready !== undefined) return ready;
      if (this.failure !== null) throw this.failure;
      const chunk = await this.pull();
      if (chunk === null) {
        if (this.decoder === null) return this.finish(); // empty body
        if (!this.tracker.atFrameBoundary) {
          throw decodeFailure(this.coding, new Error('unexpected end of file inside a zstd frame'));
        }
        this.push(EMPTY_BYTES, true);
        if (output.length > 0) continue;
        return this.finish();
      }
      if (this.decoder === null) this.decoder = await this.createDecoder();
      this.input = chunk;
      this.offset = 0;
    }
  }

  /** Output already decoded, or the next block of input already received, decoded now. */
  protected tryProduce(): Buffer | undefined {
    const output = this.output;
    while (output.length === 0) {
      const input = this.input;
      if (input === null || this.decoder === null) return undefined;
      const from = this.offset;
      let cut: number;
      try {
        cut = this.tracker.nextCut(input, from);
      } catch (error) {
        throw decodeFailure(this.coding, error);
      }
      if (cut > from) this.push(input.subarray(from, cut), false);
      this.offset = cut;
      if (cut === input.length) this.input = null;
    }
    return output.shift();
  }

  private push(data: Buffer, final: boolean): void {
    try {
      this.decoder!.push(data, final);
    } catch (error) {
      throw decodeFailure(this.coding, error);
    }
  }

  private async createDecoder(): Promise<Decompress> {
    let fzstd: FzstdModule;
    try {
      fzstd = await loadFzstd();
    } catch (error) {
      fzstdModule = undefined;
      warnOnce(
        'decoders:zstd-unavailable',
        () =>
          new DependencyWarning(
            'zstd content decoding is unavailable: Node.js < 22.15 has no built-in zstd and the ' +
              "'fzstd' package could not be loaded. Install fzstd or upgrade Node.js.",
          ),
      );
      throw decodeFailure(
        this.coding,
        new Error(
          "No zstd decoder available: install the 'fzstd' package or use Node.js >= 22.15.",
          { cause: error },
        ),
      );
    }
    return new fzstd.Decompress(this.onData);
  }

  protected release(): void {
    this.decoder = null;
    this.input = null;
    this.output.length = 0;
  }
}
