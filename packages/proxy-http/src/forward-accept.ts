import {
  type DispatchRequest,
  type DispatchResponse,
  type HeadersInit,
  HTTPHeaderDict,
  type Interceptor,
} from '@urlpool/core';

/**
 * An interceptor that gives every forwarded request (absolute form, to the proxy) an
 * `Accept: *\/*` header unless it has one, as urllib3's `ProxyManager` does for the requests
 * it forwards (`_set_proxy_headers`); `isForwarded` tells which requests those are. Tunnelled
 * and direct requests go unchanged. The request's own headers, or else `defaults` (the manager's), are copied, never mutated.
 */
export function createForwardAcceptInterceptor<R extends DispatchResponse>(
  defaults: HeadersInit | undefined,
  isForwarded: (request: DispatchRequest) => boolean,
): Interceptor<R> {
  return (next) => (request) => {
    if (!isForwarded(request)) return next(request);
    const headers = new HTTPHeaderDict(request.headers ?? defaults);
    if (headers.has('accept')) return next(request);
    headers.set('Accept', '*/*');
    return next({ ...request, headers });
  };
}

/** Whether a ProxyManager forwards (rather than tunnels) a request to a target of `scheme`. */
export function isForwardedScheme(scheme: string, forwardsHttps: boolean): boolean {
  return scheme === 'http' || (forwardsHttps && scheme === 'https');
}
