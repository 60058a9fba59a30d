import type {
  HeadersInit,
  HTTPHeaderDict,
  RawBodyReader,
  ReleaseHandle,
  Retry,
} from '@urlpool/core';

/**
 * Options of `new HTTPResponse(...)`. Pools build responses from a connection (`raw`,
 * `release`); users may build one from a ready `body`, as urllib3's `HTTPResponse(body=...)`.
 */
export interface HTTPResponseOptions {
  /**
   * A ready body, used as is (never decoded, as in urllib3). It is `data` at once and can
   * also be read once through `read()`/`stream()`. Not together with `raw`.
   * @default null
   */
  body?: string | Buffer | null | undefined;
  /**
   * The streaming body from a connection. Not together with `body`.
   * @default null
   */
  raw?: RawBodyReader | null | undefined;
  /**
   * The status code, an integer from 100 to 999. Optional for responses built by hand
   * (urllib3's `HTTPResponse(headers=...)` needs none either).
   * @default 200
   */
  status?: number | undefined;
  /**
   * The reason phrase.
   * @default ''
   */
  reason?: string | undefined;
  /**
   * The HTTP version the server answered with: 11 for HTTP/1.1, 10 for HTTP/1.0, 20 for HTTP/2.
   * @default 11
   */
  version?: 10 | 11 | 20 | undefined;
  /**
   * Response headers; an `HTTPHeaderDict` is adopted without a copy.
   * @default an empty HTTPHeaderDict
   */
  headers?: HTTPHeaderDict | HeadersInit | undefined;
  /**
   * The method of the request this answers.
   * @default null
   */
  requestMethod?: string | null | undefined;
  /**
   * The URL of the request this answers (`url` when `url` is not given).
   * @default null
   */
  requestUrl?: string | null | undefined;
  /**
   * The final URL after redirects.
   * @default the last redirect location in `retries.history`, else requestUrl
   */
  url?: string | null | undefined;
  /**
   * The `Retry` state the request ended with.
   * @default null
   */
  retries?: Retry | null | undefined;
  /**
   * The connection the body is read from; `connection` reports it until released.
   * @default null
   */
  connection?: unknown;
  /**
   * How the connection goes back to its pool. Called exactly once.
   * @default null
   */
  release?: ReleaseHandle | null | undefined;
  /**
   * Decode the body per `Content-Encoding` (gzip, deflate, br, zstd, stacks) by default.
   * @default true
   */
  decodeContent?: boolean | undefined;
  /**
   * Release the connection as soon as the raw body has been read to its end (the request's
   * `releaseConn` option; urllib3's `release_conn`).
   * @default false
   */
  autoRelease?: boolean | undefined;
  /**
   * Cap in bytes on what the body yields, decoded or not (beyond urllib3): a decompression bomb
   * and an endless identity body stop alike. The read that would pass it throws `DecodeError`
   * and closes the connection; nothing more is read.
   * @default no cap
   */
  maxDecodedSize?: number | undefined;
  /**
   * Accepted for urllib3 parity; the connection's reader applies it when it frames the body.
   * @default true
   */
  enforceContentLength?: boolean | undefined;
  /**
   * The transport has already undone the `Content-Encoding` of `raw` (a runtime's `fetch`
   * always decodes): reads hand the bytes out as they come, whatever `decodeContent` says,
   * and the header stays as the server sent it.
   * @default false
   */
  bodyDecoded?: boolean | undefined;
}

/** Options of `HTTPResponse.read()`. */
export interface ReadOptions {
  /**
   * Decode per `Content-Encoding`.
   * @default the response's decodeContent
   */
  decodeContent?: boolean | undefined;
  /**
   * Keep what is read: at the end of the body `data` holds the whole body when every read of
   * it cached (urllib3's `cache_content`); after any read that did not cache, `data` stays
   * empty (urllib3 2.7), never a truncated body.
   * @default false
   */
  cacheContent?: boolean | undefined;
}

/** Options of `HTTPResponse.read1()` and `HTTPResponse.stream()`. */
export interface StreamOptions {
  /**
   * Decode per `Content-Encoding`.
   * @default the response's decodeContent
   */
  decodeContent?: boolean | undefined;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'body',
  'raw',
  'status',
  'reason',
  'version',
  'headers',
  'requestMethod',
  'requestUrl',
  'url',
  'retries',
  'connection',
  'release',
  'decodeContent',
  'autoRelease',
  'maxDecodedSize',
  'enforceContentLength',
  'bodyDecoded',
]);

/** Validates constructor options; throws TypeError naming the problem. */
export function assertResponseOptions(options: HTTPResponseOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      'new HTTPResponse(options) needs an options object (status, headers, body or raw...).',
    );
  }
  for (const key in options) {
    if (!KNOWN_KEYS.has(key)) {
      throw new TypeError(
        `Unknown HTTPResponse option ${JSON.stringify(key)}; known options: ${[...KNOWN_KEYS].join(', ')}.`,
      );
    }
  }
  const { status = 200, version, body, raw, maxDecodedSize } = options;
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    throw new TypeError(`HTTPResponse status must be an integer from 100 to 999, got ${status}.`);
  }
  if (version !== undefined && version !== 10 && version !== 11 && version !== 20) {
    throw new TypeError(`HTTPResponse version must be 10, 11 or 20, got ${String(version)}.`);
  }
  if (body != null && raw != null) {
    throw new TypeError('Pass either body (a ready body) or raw (a streaming body), not both.');
  }
  if (body != null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError('HTTPResponse body must be a string, a Buffer or a Uint8Array.');
  }
  if (
    maxDecodedSize !== undefined &&
    !(Number.isSafeInteger(maxDecodedSize) && maxDecodedSize >= 0)
  ) {
    throw new TypeError(`maxDecodedSize must be an integer >= 0 (bytes), got ${maxDecodedSize}.`);
  }
}

/** Validates an `amt` argument: undefined, or an integer >= min. */
export function assertAmount(amt: number | undefined, min: number, method: string): void {
  if (amt === undefined || (Number.isInteger(amt) && amt >= min)) return;
  throw new RangeError(`${method}(amt): amt must be an integer >= ${min}, got ${amt}.`);
}
