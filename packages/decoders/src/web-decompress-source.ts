import type { ChunkSource } from '@urlpool/core';
import { bytesView, concatBytes } from '@urlpool/core';
import { decodeFailure } from './decode-error.ts';
import { DecoderSource } from './decoder-source.ts';
import { isZlibWrapped } from './zlib-header.ts';

/** The formats of the runtime's `DecompressionStream` this package uses. */
export type WebFormat = 'gzip' | 'deflate' | 'deflate-raw' | 'brotli';

/**
 * Input bytes handed to the stream ahead of its output. Runtimes accept writes at once (the
 * engine buffers them), so without this bound a fast upstream would be read to its end
 * before the first decoded byte came out.
 */
const AHEAD = 65_536;

type Step =
  | { readonly kind: 'output'; readonly result: ReadableStreamReadResult<Uint8Array> }
  | { readonly kind: 'input'; readonly chunk: Buffer | null }
  | { readonly kind: 'ready' }
  | { readonly kind: 'stalled' };

/** True when this runtime's `DecompressionStream` takes `format`. */
export function supportsWebFormat(format: WebFormat): boolean {
  if (typeof DecompressionStream !== 'function') return false;
  try {
    new DecompressionStream(format as CompressionFormat);
    return true;
  } catch {
    return false;
  }
}

/**
 * One decoding stage on the runtime's `DecompressionStream` (browsers, workers, Deno), for
 * runtimes without node:zlib. `deflate` is decided from the first two bytes, zlib-wrapped or
 * raw, as on Node. Input is pulled from upstream only while the stream has no output ready
 * and its writable side has room, so memory stays bounded; output is handed out as the stream
 * produces it.
 */
export class WebDecompressSource extends DecoderSource {
  readonly #format: WebFormat | 'deflate-auto';
  #writer: WritableStreamDefaultWriter<BufferSource> | null = null;
  #reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  #read: Promise<Step> | null = null;
  #pull: Promise<Step> | null = null;
  /** Input bytes written since the last output: more is pulled only below {@link AHEAD}. */
  #ahead = 0;

  constructor(upstream: ChunkSource, coding: string, format: WebFormat | 'deflate-auto') {
    super(upstream, coding);
    this.#format = format;
  }

  protected async produce(): Promise<Buffer | null> {
    if (this.#reader === null) {
      let first = await this.pull();
      if (first === null) return this.#end(); // an empty body decodes to an empty body
      // deflate is told apart by its first two bytes (a one-byte first chunk is possible).
      while (this.#format === 'deflate-auto' && first.length < 2) {
        const more = await this.pull();
        if (more === null) break;
        first = concatBytes([first, more]);
      }
      this.#open(first);
    }
    const reader = this.#reader!;
    const writer = this.#writer!;
    for (;;) {
      this.#read ??= reader.read().then(
        (result): Step => ({ kind: 'output', result }),
        (error: unknown) => {
          throw decodeFailure(this.coding, error);
        },
      );
      const waits: Promise<Step>[] = [this.#read];
      if (!this.inputEnded) {
        if (this.#pull === null && this.#ahead < AHEAD && (writer.desiredSize ?? 1) > 0) {
          this.#pull = this.pull().then((chunk): Step => ({ kind: 'input', chunk }));
        }
        if (this.#pull !== null) waits.push(this.#pull);
        else if (this.#ahead < AHEAD)
          waits.push(writer.ready.then((): Step => ({ kind: 'ready' })));
        // Input that yields no output (a long gzip header field) must not stall the stream:
        // when a whole turn of the event loop brings no output, one more chunk is let in.
        else waits.push(nextTurn());
      }
      const step = await Promise.race(waits);
      if (this.failure !== null) throw this.failure;
      if (step.kind === 'output') {
        this.#read = null;
        if (step.result.done) return this.#end();
        const value = step.result.value;
        this.#ahead = 0;
        if (value.byteLength > 0) return bytesView(value);
      } else if (step.kind === 'stalled') {
        this.#ahead = AHEAD - 1;
      } else if (step.kind === 'input') {
        this.#pull = null;
        // Write errors surface on the read side (a corrupt stream errors both).
        if (step.chunk === null) writer.close().catch(ignore);
        else {
          this.#ahead += step.chunk.length;
          writer.write(step.chunk as Uint8Array<ArrayBuffer>).catch(ignore);
        }
      }
    }
  }

  protected tryProduce(): undefined {
    return undefined;
  }

  protected release(): void {
    this.#reader?.cancel().catch(ignore);
    this.#writer?.abort().catch(ignore);
    this.#reader = null;
    this.#writer = null;
  }

  #open(first: Buffer): void {
    const format =
      this.#format === 'deflate-auto'
        ? isZlibWrapped(first)
          ? 'deflate'
          : 'deflate-raw'
        : this.#format;
    let stream: DecompressionStream;
    try {
      stream = new DecompressionStream(format as CompressionFormat);
    } catch (error) {
      throw decodeFailure(this.coding, error);
    }
    const writer = stream.writable.getWriter();
    this.#writer = writer;
    this.#reader = stream.readable.getReader();
    writer.write(first as Uint8Array<ArrayBuffer>).catch(ignore);
  }

  #end(): null {
    this.finished = true;
    return null;
  }
}

function ignore(): void {}

function nextTurn(): Promise<Step> {
  return new Promise((resolve) => setTimeout(resolve, 0, STALLED));
}

const STALLED: Step = { kind: 'stalled' };
