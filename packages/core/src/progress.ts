import type { PreparedBody } from './prepared-body.ts';
import type { RawBodyReader } from './response-body.ts';

/** How far an upload or a download has got. */
export interface Progress {
  /** Bytes transferred so far: handed to the socket (upload) or received (download, as sent). */
  readonly loaded: number;
  /** All the bytes there are: the body length or Content-Length; null when not known. */
  readonly total: number | null;
}

/**
 * Called as a body moves: `loaded` only grows, and the last call of a body whose `total` is
 * known has `loaded === total`. A listener that throws fails the request with its error.
 */
export type ProgressListener = (progress: Progress) => void;

/** Slice size for bytes bodies, so a large Buffer reports progress as the socket takes it. */
const UPLOAD_SLICE = 65_536;

/**
 * A body that reports upload progress: the same bytes, length, replayability and Content-Type,
 * sent as a stream of slices (bytes bodies) or of the source's chunks, so that `loaded` counts
 * what the connection handed to the socket after backpressure. Each `open()` (a retry) starts
 * at 0.
 */
export function withUploadProgress(body: PreparedBody, listener: ProgressListener): PreparedBody {
  if (body.type === 'empty') return body;
  const total = body.length;
  const source =
    body.type === 'bytes'
      ? () =>
          bytesSlices(typeof body.data === 'string' ? Buffer.from(body.data, 'utf8') : body.data)
      : () => body.open();
  return {
    type: 'stream',
    length: total,
    replayable: body.type === 'bytes' || body.replayable,
    ...(body.type === 'stream' && body.contentType !== undefined
      ? { contentType: body.contentType }
      : {}),
    open: () => reportUpload(source(), total, listener),
  };
}

function* bytesSlices(data: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < data.length; offset += UPLOAD_SLICE) {
    yield data.subarray(offset, offset + UPLOAD_SLICE);
  }
}

// The connection pulls the next chunk only once the previous one was written and the socket
// drained, so a chunk counts as sent when the next pull comes (or the body ends).
async function* reportUpload(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  total: number | null,
  listener: ProgressListener,
): AsyncGenerator<Uint8Array> {
  let loaded = 0;
  for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
    yield chunk;
    // Strings and empty chunks are the connection's to refuse or skip; count bytes only.
    if (typeof chunk === 'string' || chunk.byteLength === 0) continue;
    loaded += chunk.byteLength;
    listener({ loaded, total });
  }
}

/**
 * A raw body reader that reports download progress: `loaded` counts body bytes as received
 * (before content decoding), `total` is the Content-Length when the response has one.
 */
export function withDownloadProgress(
  raw: RawBodyReader,
  listener: ProgressListener,
): RawBodyReader {
  return new ProgressReader(raw, listener);
}

class ProgressReader implements RawBodyReader {
  readonly #raw: RawBodyReader;
  readonly #listener: ProgressListener;
  readonly #total: number | null;
  #loaded = 0;

  constructor(raw: RawBodyReader, listener: ProgressListener) {
    this.#raw = raw;
    this.#listener = listener;
    const remaining = raw.lengthRemaining;
    this.#total = remaining === null ? null : raw.bytesRead + remaining;
    this.#loaded = raw.bytesRead;
  }

  get done(): boolean {
    return this.#raw.done;
  }

  get bytesRead(): number {
    return this.#raw.bytesRead;
  }

  get lengthRemaining(): number | null {
    return this.#raw.lengthRemaining;
  }

  get chunked(): boolean {
    return this.#raw.chunked;
  }

  next(): Promise<Buffer | null> {
    return this.#raw.next().then((chunk) => this.#note(chunk));
  }

  tryNext(): Buffer | null | undefined {
    const chunk = this.#raw.tryNext();
    return chunk === undefined ? undefined : this.#note(chunk);
  }

  destroy(error?: Error): void {
    this.#raw.destroy(error);
  }

  #note(chunk: Buffer | null): Buffer | null {
    if (chunk !== null && chunk.length > 0) {
      this.#loaded += chunk.length;
      this.#listener({ loaded: this.#loaded, total: this.#total });
    }
    return chunk;
  }
}
