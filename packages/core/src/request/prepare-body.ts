import type { Readable } from 'node:stream';
import { bytesView, utf8Length } from '#platform/bytes';
import { UnrewindableBodyError } from '../errors/protocol-errors.ts';
import { EMPTY_BODY, type PreparedBody } from '../prepared-body.ts';
import { blobChunks, isBlob, isFormData } from './body-kinds.ts';
import { FileStreamBody, isRewindableFileStream } from './file-stream-body.ts';
import { encodeMultipartStream, formDataFields } from './multipart-stream.ts';

/**
 * What a request `body` may be: bytes (`string`, `Buffer`, `Uint8Array`), a `Blob`, a
 * `FormData` (streamed multipart), a Node `Readable`, a web `ReadableStream`, an async iterable
 * of chunks, or an iterable of chunks (an array of chunks can be re-sent, a one-shot iterator
 * or generator cannot).
 */
export type RequestBody =
  | string
  | Buffer
  | Uint8Array
  | Blob
  | FormData
  | Readable
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/**
 * Normalises a request body once, at the boundary (see {@link PreparedBody}):
 * - `null`/`undefined` → `empty`;
 * - `string`, `Buffer`, `Uint8Array` → `bytes` with the UTF-8 / byte length (replayable);
 * - a `Blob` → a replayable `stream` of `blob.size` bytes (Content-Length), its `type` as the
 *   Content-Type unless the caller sets one (as `fetch` does);
 * - a `FormData` → a replayable multipart `stream` with a known length and its
 *   `multipart/form-data; boundary=…` Content-Type (Files keep their name and type);
 * - an array or another re-iterable (a `Set`...) of `Uint8Array` or string chunks (strings are
 *   sent as UTF-8) → a replayable `stream` with unknown length (sent chunked unless the caller
 *   sets Content-Length);
 * - an unread `fs.ReadStream` opened by path → a replayable `stream` (re-opened from the file);
 * - another Node `Readable`, an async iterable, or a one-shot iterator/generator → a `stream`
 *   that can be opened once: opening it again (retry, 307/308 redirect) throws
 *   `UnrewindableBodyError`.
 *
 * Throws `TypeError` for anything else.
 *
 * @example
 * ```ts
 * prepareBody('héllo');            // { type: 'bytes', data: 'héllo', length: 6 }
 * prepareBody(fs.createReadStream(path)); // stream, replayable: true (re-opened by path)
 * prepareBody(Readable.from(chunks));     // stream, replayable: false
 * ```
 */
export function prepareBody(body: RequestBody | null | undefined): PreparedBody {
  if (body == null) return EMPTY_BODY;
  if (typeof body === 'string') return { type: 'bytes', data: body, length: utf8Length(body) };
  if (body instanceof Uint8Array) {
    // A Buffer as is; another Uint8Array as a view on the same memory: no copy.
    const data = bytesView(body);
    return { type: 'bytes', data, length: data.length };
  }
  if (typeof body === 'object') {
    if (isBlob(body)) return new BlobBody(body);
    if (isFormData(body)) return encodeMultipartStream(formDataFields(body)).body;
    if (typeof URLSearchParams === 'function' && body instanceof URLSearchParams) {
      throw new TypeError(
        'A URLSearchParams body is not sent as a form automatically: pass params.toString() with ' +
          'a Content-Type: application/x-www-form-urlencoded header, or use fields with encodeMultipart: false.',
      );
    }
    if (isRewindableFileStream(body)) return new FileStreamBody(body);
    // Duck-typed rather than `instanceof Readable` so core does not load node:stream, and so
    // streams from another copy of node:stream (readable-stream) are accepted too.
    if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
      return new OneShotBody(body as AsyncIterable<Uint8Array>);
    }
    if (typeof (body as Iterable<Uint8Array>)[Symbol.iterator] === 'function') {
      if (Array.isArray(body)) {
        for (let i = 0; i < body.length; i++) checkChunk(body[i], i);
        return new ReplayableBody(body);
      }
      // An iterator is its own iterable and is consumed by one pass; a collection is not.
      if (typeof (body as Partial<Iterator<unknown>>).next === 'function') {
        return new OneShotBody(body as Iterable<Uint8Array>);
      }
      return new ReplayableBody(body as Iterable<Uint8Array>);
    }
  }
  throw new TypeError(
    `Unsupported request body type: ${describe(body)}. Pass a string, Buffer, Uint8Array, ` +
      'a Readable stream, or an (async) iterable of Uint8Array chunks; use the json or fields ' +
      'options to send objects.',
  );
}

function checkChunk(chunk: unknown, index: number): void {
  // Strings are sent as UTF-8, as urllib3 encodes the str chunks of an iterable body.
  if (!(chunk instanceof Uint8Array) && typeof chunk !== 'string') {
    throw new TypeError(
      `Request body chunk ${index} is ${describe(chunk)}; every chunk must be a Buffer, Uint8Array or string`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name}` : 'an object';
}

/** A Blob body: its size is known, and every `open()` reads it again. */
class BlobBody {
  readonly type = 'stream' as const;
  readonly length: number;
  readonly replayable: true = true;
  readonly contentType: string | undefined;
  readonly #blob: Blob;

  constructor(blob: Blob) {
    this.#blob = blob;
    this.length = blob.size;
    this.contentType = blob.type === '' ? undefined : blob.type;
  }

  open(): AsyncIterable<Uint8Array> {
    return blobChunks(this.#blob);
  }
}

/** A body over a re-iterable collection of chunks: every `open()` starts over. */
class ReplayableBody {
  readonly type = 'stream' as const;
  readonly length: null = null;
  readonly replayable: true = true;
  readonly #chunks: Iterable<Uint8Array>;

  constructor(chunks: Iterable<Uint8Array>) {
    this.#chunks = chunks;
  }

  open(): Iterable<Uint8Array> {
    return this.#chunks;
  }
}

/** A body over a stream or iterator that can be consumed once. */
class OneShotBody {
  readonly type = 'stream' as const;
  readonly length: null = null;
  readonly replayable: false = false;
  #source: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | null;

  constructor(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.#source = source;
  }

  open(): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
    const source = this.#source;
    if (source === null) {
      throw new UnrewindableBodyError(
        'The request body is a stream or iterator that was already sent once and cannot be ' +
          'rewound, so it cannot be re-sent for this retry or redirect. Pass the body as a ' +
          'Buffer, a string or an array of chunks to allow re-sending, or disable retries and ' +
          'redirects for this request.',
      );
    }
    this.#source = null;
    return source;
  }
}
