import {
  type DispatchResponse,
  type HeadersInit,
  HTTPHeaderDict,
  type Interceptor,
} from '@urlpool/core';

/**
 * An interceptor that gives every forwarded request (absolute form, to the proxy) an
 * `Accept: *\/*` header unless it has one, as urllib3's `ProxyManager` does for the requests
 * it forwards (`_set_proxy_headers`). Tunnelled requests go to the origin unchanged. The
 * request's own headers, or else `defaults` (the manager's), are copied, never mutated.
 */
export function createForwardAcceptInterceptor<R extends DispatchResponse>(
  defaults: HeadersInit | undefined,
  forwardsHttps: boolean,
): Interceptor<R> {
  return (next) => (request) => {
    if (request.scheme !== 'http' && !(forwardsHttps && request.scheme === 'https')) {
      return next(request);
    }
    const headers = new HTTPHeaderDict(request.headers ?? defaults);
    if (headers.has('accept')) return next(request);
    headers.set('Accept', '*/*');
    return next({ ...request, headers });
  };
}
