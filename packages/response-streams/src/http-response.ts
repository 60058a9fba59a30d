import type { Readable } from 'node:stream';
import type { Retry } from '@urlpool/core';
import { HTTPHeaderDict, utf8Bytes } from '@urlpool/core';
import { ResponseReadable } from '#platform/response-readable';
import { BodyState, EMPTY } from './body-state.ts';
import { charsetFromContentType, decodeText } from './charset.ts';
import { ChunkIterator } from './chunk-iterator.ts';
import { forbidsBody, NoBodyReader } from './no-body-reader.ts';
import {
  assertAmount,
  assertResponseOptions,
  type HTTPResponseOptions,
  type ReadOptions,
  type StreamOptions,
} from './response-options.ts';
import { createResponseWebStream } from './response-web-stream.ts';

/** Default chunk size of `stream()`, `toReadable()` and `toWebStream()`: 64 KiB. */
export const DEFAULT_STREAM_CHUNK_SIZE = 65536;

/** Statuses whose `Location` header `getRedirectLocation()` reports (urllib3's list). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * An HTTP response (urllib3's `HTTPResponse`): status, headers and a body that is either
 * preloaded into {@link HTTPResponse.data} or streamed on demand.
 *
 * Pools build responses from a connection; with `preloadContent: false` the body stays on the
 * connection until you read it (`read`, `read1`, `stream`, `for await`, `toReadable`,
 * `toWebStream`) and you give the connection back with `releaseConn()` (or `drainConn()`,
 * `close()`, `await using`). Reading is on demand with backpressure: memory stays flat for
 * any body size.
 *
 * You can also build one yourself from a ready body, as with urllib3's `HTTPResponse(body=...)`.
 *
 * @example
 * ```ts
 * const r = await pool.request('GET', '/bytes/1048576', { preloadContent: false });
 * for await (const chunk of r.stream(32 * 1024)) process(chunk);
 * r.releaseConn();
 *
 * const mock = new HTTPResponse({ body: '{"ok":true}', status: 200 });
 * mock.json(); // { ok: true }
 * ```
 */
export class HTTPResponse implements AsyncIterable<Buffer> {
  /** The status code. */
  readonly status: number;
  /** The reason phrase (`'OK'`). */
  readonly reason: string;
  /** 11 for HTTP/1.1, 10 for HTTP/1.0, 20 for HTTP/2 (urllib3's values). */
  readonly version: 10 | 11 | 20;
  /** The response headers (case-insensitive multi-map). */
  readonly headers: HTTPHeaderDict;
  /** The method of the request this answers, or null when unknown. */
  readonly requestMethod: string | null;
  /** Whether reads decode per `Content-Encoding` unless told otherwise. */
  readonly decodeContent: boolean;
  /** Whether the connection enforced Content-Length (urllib3 parity; applied by the reader). */
  readonly enforceContentLength: boolean;
  /** The final URL after redirects (urllib3's `url`), or null when unknown. */
  url: string | null;
  #retries: Retry | null;
  readonly #connection: unknown;
  readonly #body: BodyState;

  constructor(options: HTTPResponseOptions = {}) {
    assertResponseOptions(options);
    this.status = options.status ?? 200;
    this.reason = options.reason ?? '';
    this.version = options.version ?? 11;
    const headers = options.headers;
    this.headers = headers instanceof HTTPHeaderDict ? headers : new HTTPHeaderDict(headers);
    this.requestMethod = options.requestMethod ?? null;
    this.decodeContent = options.decodeContent ?? true;
    this.enforceContentLength = options.enforceContentLength ?? true;
    this.#retries = options.retries ?? null;
    // As urllib3: without an explicit final `url`, the last redirect of the history names it,
    // else the request URL.
    this.url = options.url ?? lastRedirect(this.#retries) ?? options.requestUrl ?? null;
    this.#connection = options.connection ?? null;
    const body = options.body;
    const raw = options.raw ?? null;
    this.#body = new BodyState({
      // A 1xx/204/304/HEAD answer with body bytes is a ProtocolError, as in urllib3. Readers
      // that are done already (HTTPConnection's for such answers) need no guard.
      raw:
        raw !== null && !raw.done && forbidsBody(this.status, this.requestMethod)
          ? new NoBodyReader(raw)
          : raw,
      body: body == null ? null : typeof body === 'string' ? utf8Bytes(body) : body,
      release: options.release ?? null,
      autoRelease: options.autoRelease ?? false,
      // A body the transport already decoded (a fetch runtime) is not decoded again.
      contentEncoding: options.bodyDecoded === true ? null : this.headers.get('content-encoding'),
      maxDecodedSize: options.maxDecodedSize,
    });
  }

  /** `'HTTP/1.1'`, `'HTTP/1.0'` or `'HTTP/2'`. */
  get versionString(): string {
    return this.version === 10 ? 'HTTP/1.0' : this.version === 20 ? 'HTTP/2' : 'HTTP/1.1';
  }

  /**
   * The whole (decoded) body once it was preloaded, or read to its end with `cacheContent`;
   * a ready `body` given to the constructor. Empty otherwise: as in urllib3, a body consumed
   * through `stream()` or `read()` without `cacheContent` is not kept. Unlike urllib3, reading
   * `data` never reads the connection (it is not a Promise): `await r.preload()` first.
   */
  get data(): Buffer {
    return this.#body.data;
  }

  /** The `Retry` the request ended with (its history lists redirects and retries). */
  get retries(): Retry | null {
    return this.#retries;
  }

  /** Sets the final Retry; as urllib3, a redirect in its history also updates `url`. */
  set retries(retries: Retry | null) {
    const location = lastRedirect(retries);
    if (location !== null) this.url = location;
    this.#retries = retries;
  }

  /** The connection the body is read from; null once it was released or closed. */
  get connection(): unknown {
    return this.#body.released ? null : this.#connection;
  }

  /**
   * Raw body bytes per Content-Length not yet consumed by the caller, or null when unknown
   * (chunked). As in urllib3, bytes received but still unread count as remaining.
   */
  get lengthRemaining(): number | null {
    const remaining = this.#body.raw?.lengthRemaining ?? null;
    return remaining === null ? null : remaining + this.#body.rawUnread;
  }

  /** True once the raw body was read to its end, or the response closed or failed. */
  get closed(): boolean {
    return this.#body.closed;
  }

  /** True when the body is framed with `Transfer-Encoding: chunked`. */
  get chunked(): boolean {
    const raw = this.#body.raw;
    if (raw !== null) return raw.chunked;
    return /(?:^|,)\s*chunked\s*$/i.test(this.headers.get('transfer-encoding') ?? '');
  }

  /** Same as {@link HTTPResponse.closed} (http.client's `isclosed()`). */
  isClosed(): boolean {
    return this.#body.closed;
  }

  /** Always true: the body can be read (io.IOBase parity). */
  readable(): boolean {
    return true;
  }

  /**
   * Raw (undecoded) body bytes consumed so far, as urllib3's `tell()`: after `stream(2)` yields
   * `'fo'` of `'foo'` it is 2, however much the socket delivered. With decoding, the raw bytes
   * fed to the decoder count.
   */
  tell(): number {
    const raw = this.#body.raw;
    return raw === null ? 0 : raw.bytesRead - this.#body.rawUnread;
  }

  /**
   * The `Location` of a redirect (301, 302, 303, 307, 308); null when such a status has no
   * Location; false when the status is not a redirect (urllib3's `get_redirect_location`).
   */
  getRedirectLocation(): string | false | null {
    if (!REDIRECT_STATUSES.has(this.status)) return false;
    return this.headers.get('location');
  }

  /**
   * Parses the whole body as JSON (UTF-8, as urllib3's `json()`).
   * @throws SyntaxError when the body is not JSON; TypeError when the body is still unread on
   * the connection (`preloadContent: false`: `await r.preload()` first).
   */
  json<T = unknown>(): T {
    return JSON.parse(decodeText(this.#wholeBody('json'), 'utf-8', false)) as T;
  }

  /**
   * Decodes the whole body to text. Invalid bytes become U+FFFD.
   * @param encoding An encoding label; default the Content-Type charset, else `'utf-8'`. An
   * unknown charset from the server falls back to UTF-8; an unknown `encoding` throws RangeError.
   */
  text(encoding?: string): string {
    const data = this.#wholeBody('text');
    if (encoding !== undefined) return decodeText(data, encoding, false);
    const charset = charsetFromContentType(this.headers.get('content-type'));
    return decodeText(data, charset ?? 'utf-8', true);
  }

  /**
   * Reads the rest of the body into {@link HTTPResponse.data} (pools call it for
   * `preloadContent: true`); with auto-release the connection goes back to its pool at once.
   */
  preload(): Promise<this> {
    // Not async: a body already on hand (a small response) is read without an async frame.
    const body = this.#body;
    try {
      if (body.finished) {
        body.settle();
        return Promise.resolve(this);
      }
      const data = body.readAllNowOrLater(this.decodeContent);
      if (data instanceof Promise) return this.#preloadLater(data);
      body.data = data;
      return Promise.resolve(this);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async #preloadLater(data: Promise<Buffer>): Promise<this> {
    this.#body.data = await data;
    return this;
  }

  /**
   * Reads `amt` bytes (fewer only at the end; an empty Buffer only at the end), or without
   * `amt` the rest of the body.
   * @example
   * ```ts
   * const head = await r.read(16);
   * const rest = await r.read();
   * ```
   */
  async read(amt?: number, options?: ReadOptions): Promise<Buffer> {
    assertAmount(amt, 0, 'read');
    const body = this.#body;
    const decode = options?.decodeContent ?? this.decodeContent;
    const cache = options?.cacheContent ?? false;
    if (amt === 0) return EMPTY;
    if (amt !== undefined) {
      const chunk = await body.readAmount(amt, decode);
      body.record(chunk.length === 0 ? null : chunk, cache);
      return chunk;
    }
    const rest = await body.readAll(decode);
    if (rest.length > 0) body.record(rest, cache);
    body.record(null, cache);
    return rest;
  }

  /**
   * Reads up to `target.length` bytes into `target` (urllib3's `readinto`); resolves with the
   * number of bytes written, 0 only at the end.
   */
  async readInto(target: Uint8Array, options?: StreamOptions): Promise<number> {
    if (target.length === 0) return 0;
    const chunk = await this.read(target.length, options);
    target.set(chunk);
    return chunk.length;
  }

  /**
   * Returns what one read of the connection yields (at most `amt` bytes), without waiting to
   * fill `amt`; an empty Buffer only at the end.
   */
  async read1(amt?: number, options?: StreamOptions): Promise<Buffer> {
    assertAmount(amt, 0, 'read1');
    const body = this.#body;
    const decode = options?.decodeContent ?? this.decodeContent;
    const max = amt ?? Number.POSITIVE_INFINITY;
    if (max === 0) return EMPTY;
    let chunk = body.tryPull(max, decode);
    if (chunk === undefined) chunk = await body.pull(max, decode);
    body.record(chunk, false);
    return chunk ?? EMPTY;
  }

  /**
   * Iterates the body as non-empty chunks of at most `amt` bytes (slices of what the
   * connection delivered, not re-packed). `break` leaves the response open.
   * @example
   * ```ts
   * for await (const chunk of r.stream(32)) console.log(chunk);
   * r.releaseConn();
   * ```
   */
  stream(
    amt: number = DEFAULT_STREAM_CHUNK_SIZE,
    options?: StreamOptions,
  ): AsyncIterableIterator<Buffer> {
    assertAmount(amt, 0, 'stream');
    // urllib3: stream(0) yields nothing (and reads nothing).
    if (amt === 0) return emptyIterator();
    return new ChunkIterator(this.#body, amt, options?.decodeContent ?? this.decodeContent);
  }

  /** Same as `stream()`: `for await`, `Readable.from(r)`, `pipeline(r, …)` work on a response. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Buffer> {
    return new ChunkIterator(this.#body, DEFAULT_STREAM_CHUNK_SIZE, this.decodeContent);
  }

  /**
   * The body as a Node `Readable` with backpressure. The Readable owns the response: at its
   * end the connection is released; destroyed early, the connection is closed.
   */
  toReadable(options?: StreamOptions): Readable {
    return new ResponseReadable(
      this.#body,
      DEFAULT_STREAM_CHUNK_SIZE,
      options?.decodeContent ?? this.decodeContent,
    );
  }

  /**
   * The body as a pull-based web `ReadableStream<Uint8Array>`; at its end the connection is
   * released, `cancel()` closes it.
   * @example
   * ```ts
   * for await (const text of r.toWebStream().pipeThrough(new TextDecoderStream())) log(text);
   * ```
   */
  toWebStream(options?: StreamOptions): ReadableStream<Uint8Array<ArrayBuffer>> {
    return createResponseWebStream(
      this.#body,
      DEFAULT_STREAM_CHUNK_SIZE,
      options?.decodeContent ?? this.decodeContent,
    );
  }

  /**
   * Gives the connection back to its pool. If the body was not read to its end the connection
   * is closed instead (it cannot carry another request). Idempotent.
   */
  releaseConn(): void {
    this.#body.releaseConn();
  }

  /**
   * Reads and discards the rest of the body (undecoded), then releases the connection for
   * reuse. If reading fails, the connection is closed and the error is swallowed (urllib3).
   */
  drainConn(): Promise<void> {
    return this.#body.drain();
  }

  /** Closes the connection (it is not reused) and ends the body. Idempotent. */
  close(): void {
    this.#body.close();
  }

  /**
   * Aborts a read in progress (urllib3's `shutdown()`): the pending read and later reads
   * reject with `ProtocolError`, and the connection is closed.
   */
  shutdown(): void {
    this.#body.shutdown();
  }

  /** `await using r = …`: releases the connection if the body was read, else closes it. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#body.releaseConn();
  }

  #wholeBody(method: string): Buffer {
    const body = this.#body;
    if (body.data.length === 0 && !body.finished) {
      throw new TypeError(
        `${method}() needs the whole body, which is (partly) still on the connection ` +
          '(preloadContent: false): call `await response.preload()` first.',
      );
    }
    return body.data;
  }
}

/** The redirect location of the last history entry, if it was a redirect. */
function lastRedirect(retries: Retry | null): string | null {
  const history = retries?.history;
  const last = history !== undefined && history.length > 0 ? history[history.length - 1] : null;
  return last?.redirectLocation || null;
}

async function* emptyIterator(): AsyncGenerator<Buffer, undefined, undefined> {}
