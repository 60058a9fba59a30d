import {
  bytesView,
  HTTPHeaderDict,
  ProtocolError,
  ResponseError,
  type Retry,
  type Timeout,
} from '@urlpool/core';
import { HTTPResponse, WebStreamBody } from '@urlpool/response-streams';
import { AttemptSignal } from './attempt-signal.ts';
import type { ResolvedFetchManagerOptions } from './fetch-manager-options.ts';
import { describeError, toNetworkError } from './network-error.ts';
import { TimedBody } from './timed-body.ts';

/** One request as an attempt sends it: everything already validated and encoded. */
export interface FetchAttemptRequest {
  readonly method: string;
  /** Absolute URL without fragment or credentials. */
  readonly url: string;
  readonly headers: Array<[string, string]>;
  readonly body: Uint8Array<ArrayBuffer> | undefined;
}

/** Per-attempt settings resolved by the urlopen loop. */
export interface FetchAttemptOptions {
  /** A fresh Timeout clone for this attempt. */
  readonly timeout: Timeout;
  readonly signal: AbortSignal | undefined;
  /** Let the runtime follow redirects (browsers), rather than returning them. */
  readonly runtimeRedirects: boolean;
  readonly preloadContent: boolean;
  readonly releaseConn: boolean;
  readonly enforceContentLength: boolean;
  readonly maxDecodedSize: number | undefined;
  readonly decodeContent: boolean;
  readonly retries: Retry;
}

/**
 * One fetch: the request goes out under the attempt's abort signal (timeouts, caller's
 * signal); the response head becomes an `HTTPResponse` whose body streams from the runtime's
 * `ReadableStream`. The runtime has already decoded any Content-Encoding it supports.
 */
export async function fetchOnce(
  manager: unknown,
  resolved: ResolvedFetchManagerOptions,
  request: FetchAttemptRequest,
  options: FetchAttemptOptions,
): Promise<HTTPResponse> {
  const url = request.url;
  const attempt = new AttemptSignal(options.signal, options.timeout, manager, url);
  const init: RequestInit = {
    ...resolved.fetchOptions,
    method: request.method,
    headers: request.headers,
    redirect: options.runtimeRedirects ? 'follow' : 'manual',
    signal: attempt.signal,
  };
  if (request.body !== undefined) init.body = request.body;
  let res: Response;
  try {
    const fetchFn = resolved.fetch;
    // Called on globalThis: workerd and browsers throw "Illegal invocation" for a detached fetch.
    res = await (fetchFn === undefined ? globalThis.fetch(url, init) : fetchFn(url, init));
  } catch (error) {
    attempt.finish();
    throw attempt.failure ?? toNetworkError(error, url, manager);
  }
  if (res.type === 'opaqueredirect') {
    attempt.finish();
    throw new ResponseError(
      `${request.method} ${url} answered with a redirect this runtime hides from scripts ` +
        "(an opaque redirect: browsers give no status or Location with redirect: 'manual'). " +
        "Leave redirect on (the browser follows it), or use redirectMode 'manual' only where " +
        'the runtime exposes redirect responses (Node, Deno, workers).',
    );
  }
  attempt.headersReceived(options.preloadContent);
  const headers = new HTTPHeaderDict();
  res.headers.forEach((value, name) => {
    headers.add(name, value);
  });
  let raw: TimedBody | null = null;
  const stream = res.body;
  // HEAD, 1xx, 204 and 304 answers carry no body, whatever Content-Length says (RFC 9110
  // section 6.4.1); some runtimes (Chromium) still hand out an empty stream for them.
  const status = res.status;
  const bodiless = request.method === 'HEAD' || status < 200 || status === 204 || status === 304;
  if (stream === null || bodiless) {
    stream?.cancel().catch(() => {});
    attempt.finish();
  } else {
    const decodedByRuntime = (headers.get('content-encoding') ?? 'identity') !== 'identity';
    const declared = headers.get('content-length');
    const length =
      options.enforceContentLength &&
      !decodedByRuntime &&
      declared !== null &&
      /^\d+$/.test(declared)
        ? Number(declared)
        : null;
    raw = new TimedBody(
      attempt,
      new WebStreamBody(stream, {
        length,
        toChunk: bytesView,
        mapError: (error) =>
          attempt.failure ??
          (error instanceof ProtocolError
            ? error
            : new ProtocolError(`Connection broken: ${describeError(error)}`, { cause: error })),
      }),
    );
  }
  return new HTTPResponse({
    raw,
    status: res.status,
    reason: res.statusText,
    headers,
    requestMethod: request.method,
    requestUrl: url,
    url: res.url || url,
    retries: options.retries,
    release: { release: () => attempt.finish() },
    // The runtime decoded the body already: urlpool must not decode it again.
    bodyDecoded: true,
    decodeContent: options.decodeContent,
    autoRelease: options.releaseConn,
    ...(options.maxDecodedSize === undefined ? {} : { maxDecodedSize: options.maxDecodedSize }),
  });
}
