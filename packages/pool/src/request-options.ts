import type {
  Fields,
  HeadersInit,
  ProgressListener,
  RequestBody,
  Retry,
  TimeoutInput,
} from '@urlpool/core';

/** Options of `urlopen` (the lower-level call). */
export interface UrlopenOptions {
  /** The request body; strings and bytes get Content-Length, streams are chunked. */
  body?: RequestBody | null | undefined;
  /** Request headers; replace the pool's default headers, as in urllib3. */
  headers?: HeadersInit | undefined;
  /** Retry policy for this request. @default the pool's */
  retries?: Retry | number | false | undefined;
  /** Follow redirects (same host for pools, any host for managers). @default true */
  redirect?: boolean | undefined;
  /** ms (connect and read), a Timeout, or `{ connect, read, total }`. @default the pool's */
  timeout?: TimeoutInput | null | undefined;
  /** Read the whole body before resolving. @default true */
  preloadContent?: boolean | undefined;
  /** Decode Content-Encoding. @default true */
  decodeContent?: boolean | undefined;
  /**
   * urllib3's `release_conn`, accepted for parity. Either way a body read to its end gives its
   * connection back to the pool by itself (preloaded or streamed, as urllib3 does); unlike
   * urllib3, `true` never returns a connection whose body is still unread.
   * @default preloadContent
   */
  releaseConn?: boolean | undefined;
  /** Force chunked framing. @default false */
  chunked?: boolean | undefined;
  /** Wait at most this long (ms) for a connection of a blocking pool. @default forever */
  poolTimeout?: number | undefined;
  /** Refuse URLs of other hosts (pools only). @default true */
  assertSameHost?: boolean | undefined;
  /** A body shorter than Content-Length throws IncompleteRead. @default true */
  enforceContentLength?: boolean | undefined;
  /** Aborts the request at any stage. */
  signal?: AbortSignal | undefined;
  /**
   * Beyond urllib3: a cap in bytes on what the response body yields, encoded or not (identity
   * and chunked bodies too); exceeding it throws DecodeError and closes the connection.
   */
  maxDecodedSize?: number | undefined;
  /**
   * Beyond urllib3: called as the request body goes to the socket, with the bytes sent so far
   * and the body length when known (null for a stream of unknown length). Starts again at 0
   * when a retry or redirect sends the body again.
   * @example
   * await pool.request('PUT', '/upload', {
   *   body: bigBuffer,
   *   onUploadProgress: ({ loaded, total }) => console.log(`${loaded}/${total}`),
   * });
   */
  onUploadProgress?: ProgressListener | undefined;
  /**
   * Beyond urllib3: called as the response body arrives, with the body bytes received so far
   * (as sent, before content decoding) and the Content-Length when the response has one (else
   * null). Works with `preloadContent` and with streamed reads alike; each response reports
   * from 0, a redirect or retried response whose body is drained too.
   */
  onDownloadProgress?: ProgressListener | undefined;
}

/** Options of `request` (urlopen's options plus body encoders). */
export interface RequestOptions extends UrlopenOptions {
  /** Form fields: the query string for GET-like methods, else a multipart or urlencoded body. */
  fields?: Fields | null | undefined;
  /** A JSON body (Content-Type: application/json unless set). */
  json?: unknown;
  /** Encode fields as multipart/form-data (true) or urlencoded (false). @default true */
  encodeMultipart?: boolean | undefined;
  /** Multipart boundary. @default random */
  multipartBoundary?: string | undefined;
}
