import { assignErrorPool, MaxRetryError, PoolError } from '../errors/pool-errors.ts';
import { ProtocolError, ProxyError, SSLError } from '../errors/protocol-errors.ts';
import { ReadTimeoutError, TimeoutError } from '../errors/timeout-errors.ts';
import { Retry } from '../retry/retry.ts';
import type { Dispatch, DispatchRequest, DispatchResponse, Interceptor } from './dispatch.ts';

/** Options of {@link createRetryInterceptor}. */
export interface RetryInterceptorOptions {
  /** Names the pool (or manager) for `MaxRetryError.pool`. @default none */
  readonly pool?: ((request: DispatchRequest) => unknown) | undefined;
}

/** Transport errors a Retry may count; everything else (DecodeError, TypeError...) propagates. */
export function isRetriableError(error: unknown): boolean {
  return (
    error instanceof TimeoutError ||
    error instanceof ReadTimeoutError ||
    error instanceof ProtocolError ||
    error instanceof SSLError ||
    error instanceof ProxyError
  );
}

/**
 * The retry half of urllib3's `urlopen` loop, as an interceptor: transport errors (urllib3's
 * `except (TimeoutError, HTTPException, OSError, ProtocolError, SSLError, ProxyError)`) and
 * statuses `request.retries` retries (`statusForcelist`, `Retry-After`) are counted on the
 * Retry and the request is sent again after the backoff; when retries run out, `MaxRetryError`
 * (or, with `raiseOnStatus: false`, the last response). With `preloadContent`, the final body
 * is read here, so an error while reading it (read timeout, IncompleteRead, reset) is retried
 * like an error before the head. Redirects (a 3xx with a Location, when `request.redirect`) are
 * returned unread for the redirect interceptor above.
 */
export function createRetryInterceptor<R extends DispatchResponse>(
  options: RetryInterceptorOptions = {},
): Interceptor<R> {
  const poolOf = options.pool;
  return (next) => retryingDispatch(next, poolOf, null);
}

/**
 * Follows one redirect: the request to send next, or null to return `response` as it is.
 * Given by the redirect interceptor when redirects and retries run in one loop.
 */
export type RedirectStep = (
  request: DispatchRequest,
  response: DispatchResponse,
  location: string,
) => Promise<DispatchRequest | null>;

/**
 * The retry loop around `next`. With `followRedirect`, a redirect is followed in the same loop
 * (what `redirect(retry(next))` does, without a second async frame per request); without it,
 * a redirect response is returned unread for a redirect interceptor above.
 */
export function retryingDispatch<R extends DispatchResponse>(
  next: Dispatch<R>,
  poolOf: RetryInterceptorOptions['pool'],
  followRedirect: RedirectStep | null,
): Dispatch<R> {
  return async function retry(request: DispatchRequest): Promise<R> {
    let current = request;
    const signal = request.signal;
    for (;;) {
      signal?.throwIfAborted();
      let response: R;
      try {
        response = await next(current);
      } catch (error) {
        current = await afterError(current, error, poolOf);
        continue;
      }
      const status = response.status;
      if (current.redirect && status >= 300 && status < 400) {
        const location = response.getRedirectLocation();
        if (location) {
          if (followRedirect === null) return response;
          const redirected = await followRedirect(current, response, location);
          if (redirected === null) return response;
          current = redirected;
          continue;
        }
      }
      const retries = current.retries;
      if (retries.isRetry(current.method, status, hasRetryAfter(retries, status, response))) {
        const counted = await countResponse(current, response, retries.raiseOnStatus, poolOf);
        if (counted === null) return response;
        await response.drainConn();
        await counted.sleep(response, { signal });
        current = { ...current, retries: counted };
        continue;
      }
      if (current.preloadContent) {
        try {
          await response.preload();
        } catch (error) {
          current = await afterError(current, error, poolOf);
          continue;
        }
      }
      return response;
    }
  };
}

/**
 * Whether the response has a Retry-After header, as `Retry.isRetry` is told. Retry's own
 * isRetry only asks for 413, 429 and 503, so for other statuses the header is not looked up
 * (nearly every response); a subclass that overrides isRetry is always told.
 */
function hasRetryAfter(retries: Retry, status: number, response: DispatchResponse): boolean {
  if (retries.isRetry === Retry.prototype.isRetry && !Retry.RETRY_AFTER_STATUS_CODES.has(status)) {
    return false;
  }
  return response.headers.get('retry-after') != null;
}

/**
 * Counts an error on the request's Retry (which throws the error itself, or `MaxRetryError`
 * with the error as `reason`, when it may not be retried), waits the backoff and returns the
 * request to send next. Errors a Retry does not count, and every error once the signal
 * aborted, are rethrown at once.
 */
async function afterError(
  request: DispatchRequest,
  error: unknown,
  poolOf: RetryInterceptorOptions['pool'],
): Promise<DispatchRequest> {
  const signal = request.signal;
  // A read timeout of a connection (which does not know its pool) names the pool, as urllib3's.
  if (error instanceof PoolError && poolOf !== undefined) assignErrorPool(error, poolOf(request));
  if (!isRetriableError(error) || signal?.aborted) throw error;
  const retries = request.retries.increment({
    method: request.method,
    url: request.path,
    error: error as Error,
    pool: poolOf?.(request),
  });
  await retries.sleep(null, { signal });
  return { ...request, retries };
}

/**
 * Counts a redirect or an error status against the Retry. Returns the next Retry, or null when
 * retries ran out and `raise` is off: the caller then returns the response as is (preloaded
 * when asked). When they ran out and `raise` is on, drains the response and throws.
 */
export async function countResponse(
  request: DispatchRequest,
  response: DispatchResponse,
  raise: boolean,
  poolOf: ((request: DispatchRequest) => unknown) | undefined,
  url: string = request.path,
): Promise<Retry | null> {
  const retries = response.retries ?? request.retries;
  try {
    return retries.increment({ method: request.method, url, response, pool: poolOf?.(request) });
  } catch (error) {
    if (error instanceof MaxRetryError && !raise) {
      if (request.preloadContent) await response.preload();
      return null;
    }
    await response.drainConn();
    throw error;
  }
}
