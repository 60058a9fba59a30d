import {
  type Connection,
  type ConnectionRequest,
  EMPTY_BODY,
  encodeRequestTarget,
  HostChangedError,
  MaxRetryError,
  normalizeMethod,
  type PreparedBody,
  type PreparedHeaders,
  ProtocolError,
  parseUrl,
  prepareBody,
  prepareHeaders,
  ReadTimeoutError,
  Retry,
  resolveRedirectLocation,
  withBodyContentType,
  withoutBodyHeaders,
} from '@urlpool/core';
import { HTTPResponse } from '@urlpool/response-streams';
import { AttemptDeadline } from './attempt-deadline.ts';
import { startAttemptTimeout } from './attempt-timeout.ts';
import type { HTTPConnectionPool } from './http-connection-pool.ts';
import { abortReason, Lease } from './lease.ts';
import type { UrlopenOptions } from './request-options.ts';
import {
  assertBodyCanBeSent,
  isReplayableBody,
  markBodySent,
  retryAfterError,
} from './retry-on-error.ts';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
/** One urlopen call's state, carried across retries and same-host redirects. */
interface Attempt {
  method: string;
  target: string;
  headers: PreparedHeaders;
  headersInit: UrlopenOptions['headers'];
  body: PreparedBody;
  retries: Retry;
  /** The running attempt's `Timeout.total` deadline, if it has one. */
  deadline: AttemptDeadline | null;
}

function endDeadline(attempt: Attempt): void {
  attempt.deadline?.clear();
  attempt.deadline = null;
}

/**
 * urllib3's `HTTPConnectionPool.urlopen`: get a connection, send, read the head, then apply
 * redirects (same host), status retries and error retries per the Retry policy. With
 * `preloadContent`, errors while reading the body (read timeout, IncompleteRead, reset) are
 * retried like errors before the head, as urllib3 reads the body inside its retry loop.
 */
export function runUrlopen(
  pool: HTTPConnectionPool,
  method: string,
  url: string,
  options: UrlopenOptions,
  preparedBody?: PreparedBody,
  deferRedirectBodies?: boolean,
): Promise<HTTPResponse> {
  const done = urlopenLoop(pool, method, url, options, preparedBody, deferRedirectBodies);
  const signal = options.signal;
  if (signal === undefined) return done;
  // An abort with a reason that is not an Error (abort('stop')) still rejects with an Error
  // named AbortError, whichever stage noticed it.
  return done.catch((error: unknown) => {
    throw signal.aborted && error === signal.reason ? abortReason(signal) : error;
  });
}

async function urlopenLoop(
  pool: HTTPConnectionPool,
  method: string,
  url: string,
  options: UrlopenOptions,
  preparedBody?: PreparedBody,
  deferRedirectBodies?: boolean,
): Promise<HTTPResponse> {
  const redirect = options.redirect ?? true;
  const body =
    preparedBody ??
    (options.body === undefined || options.body === null ? EMPTY_BODY : prepareBody(options.body));
  // A FormData or Blob body brings its Content-Type (as with fetch) unless the headers set one.
  const headersInit =
    body.type === 'stream' && body.contentType !== undefined
      ? withBodyContentType(options.headers ?? pool.options.headers, body)
      : options.headers;
  const attempt: Attempt = {
    method: normalizeMethod(method),
    target: toTarget(url),
    headers: headersInit === undefined ? pool.defaultHeaders : prepareHeaders(headersInit),
    headersInit,
    body,
    retries:
      options.retries instanceof Retry
        ? options.retries
        : Retry.from(options.retries, { redirect, default: pool.retries }),
    deadline: null,
  };
  const preloadContent = options.preloadContent ?? true;
  const signal = options.signal;
  for (;;) {
    signal?.throwIfAborted();
    let response: HTTPResponse;
    try {
      response = await sendOnce(pool, attempt, options);
    } catch (error) {
      await retryAfterError(pool, attempt, error, signal);
      continue;
    }

    // The attempt's total deadline covers the head and, when preloading, the body; it ends
    // here whatever happens to the response (returned, drained, preloaded or failed).
    try {
      const status = response.status;
      if (redirect && status >= 300 && status < 400) {
        const location = response.getRedirectLocation();
        if (location) {
          const next = await followRedirect(pool, attempt, response, location, options);
          return next ?? response;
        }
      }
      if (attempt.retries.isRetry(attempt.method, status, response.headers.has('retry-after'))) {
        const retries = await countResponse(
          pool,
          attempt,
          response,
          attempt.retries.raiseOnStatus,
          preloadContent,
        );
        if (retries === null) return response;
        await response.drainConn();
        endDeadline(attempt);
        await retries.sleep(response, { signal });
        attempt.retries = retries;
        continue;
      }
      // A manager follows redirects itself and drains their bodies undecoded: leave them unread.
      const deferred = deferRedirectBodies === true && Boolean(response.getRedirectLocation());
      if (preloadContent && !deferred) {
        try {
          await response.preload();
        } catch (error) {
          endDeadline(attempt);
          await retryAfterError(pool, attempt, error, signal);
          continue;
        }
      }
      return response;
    } finally {
      endDeadline(attempt);
    }
  }
}

/**
 * Counts a redirect or an error status against the Retry. Returns the next Retry, or null when
 * retries ran out and `raise` is off: the caller then returns the response as is (preloaded
 * when asked). When they ran out and `raise` is on, drains the response and throws.
 */
async function countResponse(
  pool: HTTPConnectionPool,
  attempt: Attempt,
  response: HTTPResponse,
  raise: boolean,
  preload: boolean,
): Promise<Retry | null> {
  try {
    return attempt.retries.increment({
      method: attempt.method,
      url: attempt.target,
      response,
      pool,
    });
  } catch (error) {
    if (error instanceof MaxRetryError && !raise) {
      if (preload) await response.preload();
      return null;
    }
    await response.drainConn();
    throw error;
  }
}

/**
 * Handles a redirect response at pool level. Returns the final response of the redirected
 * request, or null when the caller should return `response` as is (raiseOnRedirect false).
 */
async function followRedirect(
  pool: HTTPConnectionPool,
  attempt: Attempt,
  response: HTTPResponse,
  location: string,
  options: UrlopenOptions,
): Promise<HTTPResponse | null> {
  let next: string;
  try {
    next = resolveRedirectLocation(
      location,
      `${pool.scheme}://${pool.hostHeader}${attempt.target}`,
    );
  } catch (error) {
    // Drained first: the connection goes back to the pool (a blocking pool must not starve).
    await response.drainConn();
    throw error;
  }
  const retries = await countResponse(
    pool,
    attempt,
    response,
    attempt.retries.raiseOnRedirect,
    options.preloadContent ?? true,
  );
  if (retries === null) return null;
  // The redirect's own body is read undecoded and discarded; the connection goes back for reuse.
  await response.drainConn();
  endDeadline(attempt);
  await retries.sleepForRetry(response, { signal: options.signal });
  let method = attempt.method;
  let body = attempt.body;
  let headers = attempt.headersInit;
  if (response.status === 303) {
    // RFC 9110 §15.4.4: the redirected request is a GET without the body.
    if (method !== 'HEAD') method = 'GET';
    body = EMPTY_BODY;
    if (headers !== undefined) headers = withoutBodyHeaders(headers);
  }
  if (options.assertSameHost !== false && !pool.isSameHost(next)) {
    throw new HostChangedError(pool, next, retries);
  }
  // The prepared body is passed on as is: a replayable one is re-sent, a spent stream throws
  // UnrewindableBodyError before the next attempt connects.
  return urlopenLoop(pool, method, next, { ...options, headers, retries }, body);
}

/**
 * One attempt: a connection from the pool (a new one is connected), the request written and
 * the response head read. The Lease owns the connection and its slot from checkout until the
 * response releases it, and listens for the abort signal all that time.
 */
async function sendOnce(
  pool: HTTPConnectionPool,
  attempt: Attempt,
  options: UrlopenOptions,
): Promise<HTTPResponse> {
  const signal = options.signal;
  const body = attempt.body;
  assertBodyCanBeSent(body);
  // Stale keep-alive connections are replaced without spending a retry (bounded loop).
  for (let staleRetries = 0; ; staleRetries++) {
    // After a stale failure, a fresh connection: the other idle ones may be just as stale.
    const checkout = pool.slots.checkout(options.poolTimeout, signal, staleRetries > 0);
    const idle = checkout instanceof Promise ? await checkout : checkout;
    const reused = idle !== null;
    const timeout = startAttemptTimeout(pool.timeout, options.timeout);
    let connection: Connection;
    if (idle !== null) {
      connection = idle;
    } else {
      try {
        if (signal?.aborted) throw abortReason(signal);
        connection = await pool.openConnection(timeout.connectTimeout, signal);
      } catch (error) {
        pool.slots.releaseSlot();
        throw error;
      }
    }
    const lease = new Lease(pool, connection, signal);
    try {
      // A custom connector may ignore the signal: never send on a lease the abort released.
      if (signal?.aborted) throw abortReason(signal);
      const total = timeout.total;
      if (total !== undefined) {
        const left = total - timeout.getConnectDuration();
        attempt.deadline = new AttemptDeadline(
          connection,
          lease,
          total,
          left,
          pool,
          attempt.target,
        );
      }
      pool.numRequests++;
      markBodySent(body);
      const request: ConnectionRequest = {
        method: attempt.method,
        scheme: pool.scheme,
        authority: pool.hostHeader,
        path: attempt.target,
        targetForm: pool.options.targetForm,
        headers: attempt.headers,
        body,
        chunked: options.chunked ?? false,
        // Read after connecting: with a total timeout, what the connect left.
        readTimeout: timeout.readTimeout,
        enforceContentLength: options.enforceContentLength ?? true,
      };
      const head = await connection.send(request);
      return new HTTPResponse({
        raw: head.body,
        status: head.status,
        reason: head.reason,
        version: toResponseVersion(head.version),
        headers: head.headers,
        requestMethod: attempt.method,
        requestUrl: attempt.target,
        url: `${pool.scheme}://${pool.hostHeader}${attempt.target}`,
        retries: attempt.retries,
        connection,
        release: lease,
        decodeContent: options.decodeContent ?? true,
        // A body read to its end gives its connection back by itself, preloaded or streamed
        // (urllib3 releases when the body's file closes, whatever `release_conn` says).
        autoRelease: true,
        ...(options.maxDecodedSize === undefined ? {} : { maxDecodedSize: options.maxDecodedSize }),
      });
    } catch (error) {
      endDeadline(attempt);
      const responseStarted = connection.responseStarted;
      connection.close();
      lease.discard();
      if (error instanceof ReadTimeoutError && error.pool === null) attachPool(error, pool);
      if (
        reused &&
        !responseStarted &&
        error instanceof ProtocolError &&
        IDEMPOTENT_METHODS.has(attempt.method) &&
        isReplayableBody(body) &&
        staleRetries < pool.slots.maxsize + 1 &&
        !signal?.aborted
      ) {
        continue;
      }
      throw error;
    }
  }
}

/**
 * The request target: a relative URL without its fragment, an absolute URL's path and query,
 * percent-encoded as urllib3 encodes URLs (the head renderer encodes it again, a no-op then,
 * so responses, retries and redirects see the target that went on the wire).
 */
function toTarget(url: string): string {
  if (url.startsWith('/')) {
    const hash = url.indexOf('#');
    return encodeRequestTarget(hash === -1 ? url : url.slice(0, hash));
  }
  return encodeRequestTarget(parseUrl(url).requestUri);
}

/** Names the pool on a read timeout a connection raised (it does not know its pool). */
function attachPool(error: ReadTimeoutError, pool: HTTPConnectionPool): void {
  Object.defineProperty(error, 'pool', { value: pool, enumerable: false, configurable: true });
}

/** The connection's version number as HTTPResponse knows it (10, 11 or 20). */
function toResponseVersion(version: number): 10 | 11 | 20 {
  if (version === 11 || version === 10 || version === 20) return version;
  throw new ProtocolError(`Connection reported unsupported HTTP version ${version}`);
}
