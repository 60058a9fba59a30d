import type { ChunkSource } from '@urlpool/core';
import { DependencyWarning, warnOnce } from '@urlpool/warnings';
import type { Decompress } from 'fzstd';
import { decodeFailure } from './decode-error.ts';
import { DecoderSource } from './decoder-source.ts';
import { MAX_CHUNK } from './zlib-pump.ts';

/**
 * Input is handed to fzstd in slices this small because `push()` decodes every complete block
 * in its input synchronously and cannot be paused: a 4-byte RLE block can expand to megabytes,
 * so small slices bound how much output one push can create before the reader catches up.
 */
const FEED_SLICE = 1024;

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
        this.output.push(Buffer.from(data.buffer, data.byteOffset + at, end - at));
      }
    };
  }

  protected async produce(): Promise<Buffer | null> {
    const output = this.output;
    for (;;) {
      if (output.length > 0) return output.shift()!;
      if (this.failure !== null) throw this.failure;
      const input = this.input;
      if (input !== null) {
        const end = Math.min(this.offset + FEED_SLICE, input.length);
        this.push(input.subarray(this.offset, end), false);
        this.offset = end;
        if (end === input.length) this.input = null;
        continue;
      }
      const chunk = await this.pull();
      if (chunk === null) {
        if (this.decoder === null) return this.finish(); // empty body
        this.push(Buffer.alloc(0), true);
        if (output.length > 0) continue;
        return this.finish();
      }
      if (this.decoder === null) this.decoder = await this.createDecoder();
      this.input = chunk;
      this.offset = 0;
    }
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
