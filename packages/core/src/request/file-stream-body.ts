import type { ReadStream } from 'node:fs';
import { createReadStream, isReadStream } from '#platform/fs';

/** The parts of an `fs.ReadStream` needed to open the same byte range again. */
interface FileRange {
  readonly path: string | Buffer;
  readonly start: number | undefined;
  readonly end: number | undefined;
  readonly highWaterMark: number;
}

/**
 * True for an `fs.ReadStream` opened by path that has not been read yet: the Node counterpart
 * of urllib3's seekable file body. It can be rewound by opening the same file range again.
 */
export function isRewindableFileStream(body: unknown): body is ReadStream {
  if (!isReadStream(body)) return false;
  const path: unknown = body.path;
  return (
    (typeof path === 'string' || path instanceof Uint8Array) &&
    body.bytesRead === 0 &&
    !body.readableDidRead &&
    !body.destroyed
  );
}

/**
 * A replayable body over a file stream: the first `open()` returns the caller's stream, every
 * later one (a retry, a 307/308 redirect) a fresh stream over the same path and byte range.
 * The length stays unknown (chunked) unless the caller sets Content-Length.
 */
export class FileStreamBody {
  readonly type = 'stream' as const;
  readonly length: null = null;
  readonly replayable: true = true;
  #first: ReadStream | null;
  #current: ReadStream | null = null;
  readonly #range: FileRange;

  constructor(stream: ReadStream) {
    this.#first = stream;
    // Node keeps the options it was given as `start` and `end` (untyped).
    const { start, end } = stream as unknown as { start?: number; end?: number };
    this.#range = {
      path: stream.path,
      start: typeof start === 'number' ? start : undefined,
      end: typeof end === 'number' && Number.isFinite(end) ? end : undefined,
      highWaterMark: stream.readableHighWaterMark,
    };
  }

  open(): AsyncIterable<Uint8Array> {
    const first = this.#first;
    if (first !== null) {
      this.#first = null;
      this.#current = first;
      return first;
    }
    // The previous attempt's stream may be half read: close its file descriptor.
    this.#current?.destroy();
    const { path, start, end, highWaterMark } = this.#range;
    const next = createReadStream(path, {
      highWaterMark,
      ...(start === undefined ? {} : { start }),
      ...(end === undefined ? {} : { end }),
    });
    this.#current = next;
    return next;
  }
}
