import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import type { ChunkSource } from '@urlpool/core';
import { isDecodingNeeded } from '../codings.ts';
import type { DecodingOptions } from '../create-decoding-source.ts';
import { createDecodingSource } from '../create-decoding-source.ts';
import { PushSource } from '../push-source.ts';

/**
 * A Node `Transform` over a decoding chain. Writes are handed to the decoder one at a time as
 * it asks for input; decoded chunks are pushed only while the readable side wants more, so a
 * small compressed write that inflates to gigabytes never piles up in memory.
 */
class DecoderTransform extends Transform {
  private readonly input = new PushSource();
  private readonly decoded: ChunkSource & { tryNext?: () => Buffer | null | undefined };
  private started = false;
  private wantsData = true;
  private resumeOutput: (() => void) | null = null;
  private flushed: TransformCallback | null = null;

  constructor(contentEncoding: string, options: DecodingOptions | undefined) {
    super();
    this.decoded = createDecodingSource(this.input, contentEncoding, options);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.input.offer(chunk, callback);
    this.start();
  }

  override _flush(callback: TransformCallback): void {
    this.flushed = callback;
    this.input.end();
    this.start();
  }

  override _read(size: number): void {
    this.wantsData = true;
    const resume = this.resumeOutput;
    if (resume !== null) {
      this.resumeOutput = null;
      resume();
    }
    super._read(size);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.decoded.destroy(error ?? undefined);
    const resume = this.resumeOutput;
    this.resumeOutput = null;
    resume?.();
    callback(error);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.pump().then(
      () => this.flushed?.(),
      (error: Error) => this.destroy(error),
    );
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (!this.wantsData) {
        await new Promise<void>((resolve) => {
          this.resumeOutput = resolve;
        });
        if (this.destroyed) return;
      }
      let chunk = this.decoded.tryNext?.();
      if (chunk === undefined) chunk = await this.decoded.next();
      if (chunk === null) return;
      this.wantsData = this.push(chunk);
    }
  }
}

/**
 * A Node `Transform` stream that decodes what is written to it per `contentEncoding`, for use
 * in `stream.pipeline`. With nothing to decode (identity, unknown coding) it is a
 * `PassThrough`. Decoding errors destroy the stream with a `DecodeError`.
 *
 * @example
 * ```ts
 * import { createReadStream, createWriteStream } from 'node:fs';
 * import { pipeline } from 'node:stream/promises';
 * import { createDecoderStream } from '@urlpool/decoders';
 * await pipeline(createReadStream('body.gz'), createDecoderStream('gzip'), createWriteStream('body'));
 * ```
 */
export function createDecoderStream(
  contentEncoding: string | null | undefined,
  options?: DecodingOptions,
): Transform {
  if (!isDecodingNeeded(contentEncoding)) return new PassThrough();
  return new DecoderTransform(contentEncoding!, options);
}
