import {
  DEFAULT_PORTS,
  EMPTY_BODY,
  filterHeaders,
  MaxRetryError,
  type PreparedBody,
  ProtocolError,
  ProxyError,
  ReadTimeoutError,
  Retry,
  SSLError,
  TimeoutError,
  withBodyContentType,
  withoutBodyHeaders,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import { abortReason } from './abort-reason.ts';
import { type FetchDispatchRequest, requestUrl } from './fetch-dispatch.ts';
import type { FetchUrlopenOptions, ResolvedFetchManagerOptions } from './fetch-manager-options.ts';
import { toFetchUrl } from './fetch-url.ts';
import { bufferBody } from './request-init.ts';
import { unsupportedKeys, warnUnsupportedOptions } from './unsupported-options.ts';

type Dispatch = (request: FetchDispatchRequest) => Promise<HTTPResponse>;

/**
 * PoolManager's urlopen on fetch: resolves the request once (URL, default headers, Retry, the
 * body read into memory), then sends it through `dispatch`, applying redirects (any host),
 * status retries and error retries per the Retry policy, with `Retry.increment` deciding every
 * step exactly as it does for pools. With `preloadContent`, errors while reading the body are
 * retried like errors before the head (urllib3 reads the body inside its retry loop).
 */
export async function fetchUrlopen(
  dispatch: Dispatch,
  manager: unknown,
  resolved: ResolvedFetchManagerOptions,
  method: string,
  url: string | URL,
  options: FetchUrlopenOptions,
  body: PreparedBody,
): Promise<HTTPResponse> {
  warnUnsupportedOptions(unsupportedKeys(options), 'FetchManager request options');
  const signal = options.signal;
  try {
    const redirect = options.redirect ?? true;
    const target = new URL(toFetchUrl(url));
    const request: FetchDispatchRequest = {
      method,
      ...origin(target),
      path: `${target.pathname}${target.search}`,
      // A FormData or Blob body brings its Content-Type (as with fetch) unless the headers set one.
      headers: withBodyContentType(options.headers ?? resolved.headers, body),
      body: await bufferBody(body),
      retries:
        options.retries instanceof Retry
          ? options.retries
          : Retry.from(options.retries, { redirect, default: resolved.retries }),
      redirect,
      preloadContent: options.preloadContent ?? true,
      signal,
      options,
    };
    // Browsers follow redirects themselves (redirectMode 'follow'): nothing to follow here.
    const follow = redirect && resolved.redirectMode === 'manual';
    return await loop(dispatch, manager, request, follow);
  } catch (error) {
    // An abort whose reason is not an Error still rejects with an Error named AbortError.
    throw signal?.aborted && error === signal.reason ? abortReason(signal) : error;
  }
}

function origin(url: URL): { scheme: string; host: string; port: number } {
  const scheme = url.protocol.slice(0, -1);
  const hostname = url.hostname;
  return {
    scheme,
    host: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
    port: url.port === '' ? DEFAULT_PORTS[scheme]! : Number(url.port),
  };
}

async function loop(
  dispatch: Dispatch,
  manager: unknown,
  first: FetchDispatchRequest,
  follow: boolean,
): Promise<HTTPResponse> {
  let current = first;
  const signal = first.signal;
  for (;;) {
    if (signal?.aborted) throw abortReason(signal);
    let response: HTTPResponse;
    try {
      response = await dispatch(current);
    } catch (error) {
      current = await retryAfterError(manager, current, error);
      continue;
    }
    const location = follow ? response.getRedirectLocation() : false;
    if (location) {
      const from = requestUrl(current);
      const next = await count(manager, current, response, current.retries.raiseOnRedirect, from);
      if (next === null) return response;
      await response.drainConn();
      await next.sleepForRetry(response, { signal });
      current = redirected(current, response.status, new URL(location, from), next);
      continue;
    }
    const retries = current.retries;
    if (retries.isRetry(current.method, response.status, response.headers.has('retry-after'))) {
      const next = await count(manager, current, response, retries.raiseOnStatus, current.path);
      if (next === null) return response;
      await response.drainConn();
      await next.sleep(response, { signal });
      current = { ...current, retries: next };
      continue;
    }
    if (current.preloadContent) {
      try {
        await response.preload();
      } catch (error) {
        current = await retryAfterError(manager, current, error);
        continue;
      }
    }
    return response;
  }
}

/**
 * The request a redirect leads to: a 303 becomes a GET without body (RFC 9110 section
 * 15.4.4); a redirect to another origin drops the headers the Retry lists in
 * `removeHeadersOnRedirect` (Authorization, Cookie, Proxy-Authorization by default).
 */
function redirected(
  current: FetchDispatchRequest,
  status: number,
  location: URL,
  retries: Retry,
): FetchDispatchRequest {
  const target = new URL(toFetchUrl(location));
  const next = origin(target);
  let { method, body, headers } = current;
  if (status === 303) {
    if (method !== 'HEAD') method = 'GET';
    body = EMPTY_BODY;
    if (headers !== undefined) headers = withoutBodyHeaders(headers);
  }
  const sameOrigin =
    next.scheme === current.scheme && next.host === current.host && next.port === current.port;
  if (!sameOrigin && headers !== undefined && retries.removeHeadersOnRedirect.size > 0) {
    headers = filterHeaders(headers, (name) => !retries.isHeaderRemovedOnRedirect(name));
  }
  return {
    ...current,
    ...next,
    method,
    path: `${target.pathname}${target.search}`,
    headers,
    body,
    retries,
  };
}

/**
 * Counts a redirect or an error status against the Retry. Returns the next Retry, or null when
 * retries ran out and `raise` is off (the response is then returned as is, preloaded when
 * asked). When they ran out and `raise` is on, drains the response and throws.
 */
async function count(
  manager: unknown,
  request: FetchDispatchRequest,
  response: HTTPResponse,
  raise: boolean,
  url: string,
): Promise<Retry | null> {
  try {
    return request.retries.increment({ method: request.method, url, response, pool: manager });
  } catch (error) {
    if (error instanceof MaxRetryError && !raise) {
      if (request.preloadContent) await response.preload();
      return null;
    }
    await response.drainConn();
    throw error;
  }
}

/**
 * urllib3's `except (TimeoutError, HTTPException, OSError, ProtocolError, SSLError,
 * ProxyError)` branch: counts the error (Retry throws it, or MaxRetryError, when it may not be
 * retried), waits the backoff and returns the request to send next. Other errors, and every
 * error once the caller aborted, propagate at once.
 */
async function retryAfterError(
  manager: unknown,
  request: FetchDispatchRequest,
  error: unknown,
): Promise<FetchDispatchRequest> {
  const signal = request.signal;
  if (!isRetriableError(error) || signal?.aborted) throw error;
  const retries = request.retries.increment({
    method: request.method,
    url: request.path,
    error: error as Error,
    pool: manager,
  });
  await retries.sleep(null, { signal });
  return { ...request, retries };
}

function isRetriableError(error: unknown): boolean {
  return (
    error instanceof TimeoutError ||
    error instanceof ReadTimeoutError ||
    error instanceof ProtocolError ||
    error instanceof SSLError ||
    error instanceof ProxyError
  );
}
