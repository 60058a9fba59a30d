import {
  DEFAULT_PORTS,
  type Dispatch,
  type DispatchRequest,
  type PreparedBody,
  Retry,
  rejectWithAbortError,
  toOriginHost,
  withBodyContentType,
  withUrlCredentials,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import type { FetchUrlopenOptions, ResolvedFetchManagerOptions } from './fetch-manager-options.ts';
import { toFetchUrl } from './fetch-url.ts';
import { bufferBody } from './request-init.ts';
import { unsupportedKeys, warnUnsupportedOptions } from './unsupported-options.ts';

/**
 * PoolManager's urlopen on fetch: resolves the request once (URL, default headers, Retry, a
 * stream body read into memory so retries and 307/308 redirects can re-send it) and sends it
 * through `chain`: core's redirect and retry interceptors (and the user's) around the fetch
 * dispatch, exactly as PoolManager composes them around its pools.
 */
export async function fetchUrlopen(
  chain: Dispatch<HTTPResponse>,
  resolved: ResolvedFetchManagerOptions,
  method: string,
  url: string | URL,
  options: FetchUrlopenOptions,
  body: PreparedBody,
): Promise<HTTPResponse> {
  warnUnsupportedOptions(unsupportedKeys(options), 'FetchManager request options');
  const { href, auth } = toFetchUrl(url);
  const target = new URL(href);
  // A FormData or Blob body brings its Content-Type (as with fetch) unless the headers set one.
  let headers = withBodyContentType(options.headers ?? resolved.headers, body);
  // `user:pass@` in the URL becomes Authorization: Basic, as with PoolManager.
  if (auth !== null) headers = withUrlCredentials(headers, auth);
  const scheme = target.protocol.slice(0, -1);
  const redirect = options.redirect ?? true;
  const request: DispatchRequest = {
    method,
    scheme,
    host: toOriginHost(target.hostname),
    port: target.port === '' ? DEFAULT_PORTS[scheme]! : Number(target.port),
    path: `${target.pathname}${target.search}`,
    headers,
    body: await bufferBody(body),
    retries:
      options.retries instanceof Retry
        ? options.retries
        : Retry.from(options.retries, { redirect, default: resolved.retries }),
    redirect,
    preloadContent: options.preloadContent ?? true,
    signal: options.signal,
    options,
  };
  return rejectWithAbortError(chain(request), options.signal);
}
