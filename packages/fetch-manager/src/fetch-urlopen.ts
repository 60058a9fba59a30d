import {
  filterHeaders,
  type HeadersInit,
  MaxRetryError,
  type PreparedBody,
  ProtocolError,
  ProxyError,
  ReadTimeoutError,
  Retry,
  resolveTimeout,
  SSLError,
  TimeoutError,
  withBodyContentType,
  withoutBodyHeaders,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import { abortReason } from './abort-reason.ts';
import { fetchOnce } from './fetch-attempt.ts';
import type { FetchUrlopenOptions, ResolvedFetchManagerOptions } from './fetch-manager-options.ts';
import { isSameOrigin, toFetchUrl } from './fetch-url.ts';
import { toFetchBody, toFetchHeaders } from './request-init.ts';
import { unsupportedKeys, warnUnsupportedOptions } from './unsupported-options.ts';

/**
 * PoolManager's urlopen on fetch: send, then apply redirects (any host), status retries and
 * error retries per the Retry policy, with `Retry.increment` deciding every step exactly as it
 * does for pools. With `preloadContent`, errors while reading the body are retried like errors
 * before the head (urllib3 reads the body inside its retry loop).
 */
export async function fetchUrlopen(
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
    return await loop(manager, resolved, method, url, options, body);
  } catch (error) {
    // An abort whose reason is not an Error still rejects with an Error named AbortError.
    throw signal?.aborted && error === signal.reason ? abortReason(signal) : error;
  }
}

async function loop(
  manager: unknown,
  resolved: ResolvedFetchManagerOptions,
  method: string,
  url: string | URL,
  options: FetchUrlopenOptions,
  body: PreparedBody,
): Promise<HTTPResponse> {
  const redirect = options.redirect ?? true;
  const runtimeRedirects = redirect && resolved.redirectMode === 'follow';
  const preloadContent = options.preloadContent ?? true;
  const releaseConn = options.releaseConn ?? preloadContent;
  const signal = options.signal;
  let retries =
    options.retries instanceof Retry
      ? options.retries
      : Retry.from(options.retries, { redirect, default: resolved.retries });
  let target = toFetchUrl(url);
  // A FormData or Blob body brings its Content-Type (as with fetch) unless the headers set one.
  let headers: HeadersInit | undefined = withBodyContentType(
    options.headers ?? resolved.headers,
    body,
  );
  let fetchBody = await toFetchBody(method, body);
  for (;;) {
    if (signal?.aborted) throw abortReason(signal);
    let response: HTTPResponse;
    try {
      response = await fetchOnce(
        manager,
        resolved,
        {
          method,
          url: target,
          headers: toFetchHeaders(headers, fetchBody?.byteLength ?? 0, resolved.sendUserAgent),
          body: fetchBody,
        },
        {
          timeout: resolveTimeout(resolved.timeout, options.timeout),
          signal,
          runtimeRedirects,
          preloadContent,
          releaseConn,
          enforceContentLength: options.enforceContentLength ?? true,
          maxDecodedSize: options.maxDecodedSize,
          decodeContent: options.decodeContent ?? true,
          retries,
        },
      );
    } catch (error) {
      retries = await retryAfterError(manager, retries, method, target, error, signal);
      continue;
    }

    const location = redirect && !runtimeRedirects ? response.getRedirectLocation() : false;
    if (location) {
      const next = await count(
        manager,
        retries,
        method,
        target,
        response,
        retries.raiseOnRedirect,
        preloadContent,
      );
      if (next === null) return response;
      await response.drainConn();
      await next.sleepForRetry(response, { signal });
      const nextUrl = toFetchUrl(new URL(location, target).href);
      if (response.status === 303) {
        // RFC 9110 section 15.4.4: the redirected request is a GET without the body.
        if (method !== 'HEAD') method = 'GET';
        fetchBody = undefined;
        if (headers !== undefined) headers = withoutBodyHeaders(headers);
      }
      // Cross-host: drop credentials (Authorization, Cookie, Proxy-Authorization by default).
      if (
        headers !== undefined &&
        !isSameOrigin(target, nextUrl) &&
        next.removeHeadersOnRedirect.size > 0
      ) {
        headers = filterHeaders(headers, (name) => !next.isHeaderRemovedOnRedirect(name));
      }
      retries = next;
      target = nextUrl;
      continue;
    }
    if (retries.isRetry(method, response.status, response.headers.has('retry-after'))) {
      const next = await count(
        manager,
        retries,
        method,
        target,
        response,
        retries.raiseOnStatus,
        preloadContent,
      );
      if (next === null) return response;
      await response.drainConn();
      await next.sleep(response, { signal });
      retries = next;
      continue;
    }
    if (preloadContent) {
      try {
        await response.preload();
      } catch (error) {
        retries = await retryAfterError(manager, retries, method, target, error, signal);
        continue;
      }
    }
    return response;
  }
}

/**
 * Counts a redirect or an error status against the Retry. Returns the next Retry, or null when
 * retries ran out and `raise` is off (the response is then returned as is, preloaded when
 * asked). When they ran out and `raise` is on, drains the response and throws.
 */
async function count(
  manager: unknown,
  retries: Retry,
  method: string,
  url: string,
  response: HTTPResponse,
  raise: boolean,
  preload: boolean,
): Promise<Retry | null> {
  try {
    return retries.increment({ method, url, response, pool: manager });
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
 * urllib3's `except (TimeoutError, HTTPException, OSError, ProtocolError, SSLError,
 * ProxyError)` branch: counts the error (Retry throws it, or MaxRetryError, when it may not be
 * retried), waits the backoff and returns the next Retry. Other errors, and every error once
 * the caller aborted, propagate at once.
 */
async function retryAfterError(
  manager: unknown,
  retries: Retry,
  method: string,
  url: string,
  error: unknown,
  signal: AbortSignal | undefined,
): Promise<Retry> {
  if (!isRetriableError(error) || signal?.aborted) throw error;
  const next = retries.increment({ method, url, error: error as Error, pool: manager });
  await next.sleep(null, { signal });
  return next;
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
