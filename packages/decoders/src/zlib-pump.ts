import type { Transform } from 'node:stream';

/** Largest chunk a decoder hands out (and the zlib `chunkSize` it asks for). */
export const MAX_CHUNK = 65_536;

/** A Node zlib stream, which also counts the input bytes its engine consumed. */
export type ZlibTransform = Transform & { readonly bytesWritten: number };

/**
 * Zlib stream options shared by every decoder: 64 KiB output chunks, and a readable
 * high-water mark of four such chunks, so the engine inflates at most 256 KiB ahead of the
 * reader and then stops until it is read. That is what keeps memory flat: a gzip bomb chunk
 * is inflated a bounded piece at a time instead of all at once. (With a mark of one chunk the
 * threadpool stopped after every chunk and waited for the reader: gzip-1m in the bench was
 * 0.8-0.96x undici; with four it is 1.1-1.2x at lower CPU per request.)
 */
export const ZLIB_OPTIONS: { chunkSize: number; readableHighWaterMark: number } = {
  chunkSize: MAX_CHUNK,
  readableHighWaterMark: 4 * MAX_CHUNK,
};

/**
 * Drives one Node zlib stream pull-style: the owner writes one input chunk at a time (only
 * after the previous one was consumed), reads output with {@link ZlibPump.read}, and awaits
 * {@link ZlibPump.wait} when neither is possible. Listeners are bound once per pump, never per
 * chunk.
 */
export class ZlibPump {
  /** The zlib stream being driven. */
  readonly stream: ZlibTransform;
  /** True while a written chunk has not been fully consumed by the engine. */
  writing = false;
  /**
   * True once the engine left written input unconsumed: the compressed stream ended inside it,
   * so the engine takes no more input and its `end` follows. (Node ends the readable side in
   * that case before calling the write callback; `bytesWritten` is how to see it publicly.)
   */
  stalled = false;
  /** True once the stream has emitted `end` (its output is complete). */
  ended = false;
  /** The zlib error, once the stream failed. */
  error: Error | null = null;
  /** Input bytes handed to {@link ZlibPump.write} so far. */
  private written = 0;
  private last: Buffer | null = null;
  /** Remainder of an output chunk larger than {@link MAX_CHUNK} (rare: only on a final flush). */
  private rest: Buffer | null = null;
  private wake: (() => void) | null = null;
  private readonly signal: () => void;
  private readonly onWritten: () => void;

  constructor(stream: ZlibTransform) {
    this.stream = stream;
    this.signal = () => {
      const wake = this.wake;
      if (wake !== null) {
        this.wake = null;
        wake();
      }
    };
    this.onWritten = () => {
      this.writing = false;
      if (this.stream.bytesWritten < this.written) this.stalled = true;
      this.signal();
    };
    stream.on('readable', this.signal);
    stream.on('end', () => {
      this.ended = true;
      this.signal();
    });
    stream.on('error', (error: Error) => {
      this.error = error;
      this.signal();
    });
  }

  /** The next decoded chunk (non-empty, at most 64 KiB) if one is ready, else null. */
  read(): Buffer | null {
    let chunk = this.rest;
    if (chunk === null) {
      chunk = this.stream.read() as Buffer | null;
      if (chunk === null) return null;
    }
    if (chunk.length > MAX_CHUNK) {
      this.rest = chunk.subarray(MAX_CHUNK);
      return chunk.subarray(0, MAX_CHUNK);
    }
    this.rest = null;
    return chunk;
  }

  /** Hands one input chunk to the engine; call again only once {@link writing} is false. */
  write(chunk: Buffer): void {
    this.writing = true;
    this.written += chunk.length;
    this.last = chunk;
    this.stream.write(chunk, this.onWritten);
  }

  /** Signals the end of input: a truncated stream then fails with "unexpected end of file". */
  end(): void {
    this.stream.end();
  }

  /** Resolves at the next stream event (output ready, input consumed, end or error). */
  wait(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /**
   * Input bytes written but not consumed because the compressed stream ended inside them
   * (the start of a gzip trailer, the next member, or trailing data). Valid once `ended`.
   */
  leftover(): Buffer | null {
    const unused = this.written - this.stream.bytesWritten;
    const last = this.last;
    if (unused <= 0 || last === null) return null;
    // Each chunk is written only after the previous one was fully consumed, so everything
    // unconsumed lies at the end of the last chunk.
    return last.subarray(last.length - Math.min(unused, last.length));
  }

  /** Releases the zlib engine and wakes a pending {@link ZlibPump.wait}. */
  destroy(): void {
    this.stream.destroy();
    this.signal();
  }
}
