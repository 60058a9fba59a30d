import type { HeadersInit } from '../headers/http-header-dict.ts';
import type { PreparedBody } from '../prepared-body.ts';
import type { ProgressListener } from '../progress.ts';
import type { Retry } from '../retry/retry.ts';
import type { RetryResponse } from '../retry/retry-response.ts';
import type { TimeoutInput } from '../timeout/timeout.ts';

/**
 * Per-request transport options a dispatch applies as given (the `urlopen` options that are
 * not part of the request itself). Interceptors pass them on unchanged.
 */
export interface DispatchOptions {
  /** ms (connect and read), a Timeout or timeout options. @default the dispatcher's */
  readonly timeout?: TimeoutInput | null | undefined;
  /** Decode Content-Encoding. @default true */
  readonly decodeContent?: boolean | undefined;
  /** Release the connection once the body is read. @default preloadContent */
  readonly releaseConn?: boolean | undefined;
  /** Force chunked framing. @default false */
  readonly chunked?: boolean | undefined;
  /** Wait at most this long (ms) for a connection of a blocking pool. @default forever */
  readonly poolTimeout?: number | undefined;
  /** A body shorter than Content-Length throws IncompleteRead. @default true */
  readonly enforceContentLength?: boolean | undefined;
  /** Decoded bytes cap; exceeding it throws DecodeError. */
  readonly maxDecodedSize?: number | undefined;
  /**
   * Called as the request body is sent, from 0 on every attempt (see the pool's
   * `onUploadProgress`). Each dispatch applies it, so retries and redirects report too.
   */
  readonly onUploadProgress?: ProgressListener | undefined;
  /** Called as the response body arrives (see the pool's `onDownloadProgress`). */
  readonly onDownloadProgress?: ProgressListener | undefined;
}

/**
 * One request as dispatches and interceptors see it, resolved once: the same shape at pool
 * level (same host) and manager level (any host), for the first attempt, every retry and
 * every redirect. Interceptors make new requests with `{ ...request, changed }`.
 */
export interface DispatchRequest {
  /** Upper-case method. */
  readonly method: string;
  /** `'http'` or `'https'`. */
  readonly scheme: string;
  /** Normalised host (lowercase; IPv6 without brackets). */
  readonly host: string;
  /** Port (the scheme's default when the URL names none). */
  readonly port: number;
  /** Origin-form target: `/path?query`. */
  readonly path: string;
  /** The request's headers; undefined means the dispatcher's default headers. */
  readonly headers: HeadersInit | undefined;
  /** The body, prepared once (a retry or redirect re-sends it, or throws if it cannot). */
  readonly body: PreparedBody;
  /** The Retry state of this attempt. */
  readonly retries: Retry;
  /** Follow redirects. */
  readonly redirect: boolean;
  /** Read the whole final body before resolving. */
  readonly preloadContent: boolean;
  /** Aborts the request at any stage. */
  readonly signal: AbortSignal | undefined;
  /** Transport options, passed on unchanged. */
  readonly options: DispatchOptions;
}

/**
 * What the built-in interceptors need of a response (`HTTPResponse` satisfies it): status,
 * headers and redirect target (for Retry), the Retry it ended with, and ways to read or discard
 * its body.
 */
export interface DispatchResponse extends RetryResponse {
  /** The Retry state the response was received with. */
  retries: Retry | null;
  /** Reads the whole body into memory (retried by the retry interceptor when it fails). */
  preload(): Promise<unknown>;
  /** Reads and discards the rest of the body undecoded, then releases the connection. */
  drainConn(): Promise<void>;
}

/** Sends one request and resolves its response. */
export type Dispatch<R extends DispatchResponse = DispatchResponse> = (
  request: DispatchRequest,
) => Promise<R>;

/**
 * Wraps a dispatch: `(next) => (request) => Promise<response>`. An interceptor may change the
 * request, call `next` any number of times (retries), or answer without calling it (a cache).
 */
export type Interceptor<R extends DispatchResponse = DispatchResponse> = (
  next: Dispatch<R>,
) => Dispatch<R>;

/**
 * Builds one dispatch from a base dispatch and interceptors, listed outermost first:
 * `compose(send, a, b)` is `a(b(send))`, so `a` sees each request first and `b` sees what `a`
 * passes on. Pools and managers compose `redirect, retry, ...yours`: your interceptors are the
 * innermost, so they see every attempt (retries, same-host and cross-host redirects).
 *
 * @example
 * ```ts
 * const log: Interceptor<HTTPResponse> = (next) => async (request) => {
 *   const started = performance.now();
 *   const response = await next(request);
 *   console.log(request.method, request.host, request.path, response.status, performance.now() - started);
 *   return response;
 * };
 * const pool = new HTTPConnectionPool('example.com', { interceptors: [log] });
 * ```
 */
export function compose<R extends DispatchResponse>(
  dispatch: Dispatch<R>,
  ...interceptors: readonly Interceptor<R>[]
): Dispatch<R> {
  let composed = dispatch;
  for (let i = interceptors.length - 1; i >= 0; i--) {
    const interceptor = interceptors[i]!;
    if (typeof interceptor !== 'function') {
      throw new TypeError(`compose: interceptor ${i} is not a function`);
    }
    composed = interceptor(composed);
    if (typeof composed !== 'function') {
      throw new TypeError(`compose: interceptor ${i} did not return a dispatch function`);
    }
  }
  return composed;
}
