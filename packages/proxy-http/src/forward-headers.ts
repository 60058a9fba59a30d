import {
  type DispatchRequest,
  type DispatchResponse,
  type HeadersInit,
  HTTPHeaderDict,
  type Interceptor,
} from '@urlpool/core';

/**
 * An interceptor that prepares the headers of every forwarded request (absolute form, to the
 * proxy) as urllib3's `ProxyManager` and pool do: `Accept: *\/*` unless the request or the
 * proxy headers have one (`_set_proxy_headers`), and no request header that the proxy headers
 * also name, since those replace it (`headers.update(proxy_headers)`; the connection writes the
 * proxy headers after the request's, all but `Host`, which this interceptor moves into the
 * request). `proxyHeadersFor` returns the proxy headers of a
 * forwarded request, `undefined` for tunnelled and direct requests, which go unchanged. The
 * request's own headers, or else `defaults` (the manager's), are copied, never mutated.
 */
export function createForwardHeadersInterceptor<R extends DispatchResponse>(
  defaults: HeadersInit | undefined,
  proxyHeadersFor: (request: DispatchRequest) => HTTPHeaderDict | undefined,
): Interceptor<R> {
  return (next) => (request) => {
    const proxyHeaders = proxyHeadersFor(request);
    if (proxyHeaders === undefined) return next(request);
    const headers = new HTTPHeaderDict(request.headers ?? defaults);
    let changed = false;
    for (const name of proxyHeaders.keys()) changed = headers.delete(name) || changed;
    // A proxy Host travels in the request, so that it replaces the target's default Host too.
    const host = proxyHeaders.get('host');
    if (host !== null) {
      headers.set('Host', host);
      changed = true;
    }
    if (!headers.has('accept') && !proxyHeaders.has('accept')) {
      headers.set('Accept', '*/*');
      changed = true;
    }
    return changed ? next({ ...request, headers }) : next(request);
  };
}

/** Whether a ProxyManager forwards (rather than tunnels) a request to a target of `scheme`. */
export function isForwardedScheme(scheme: string, forwardsHttps: boolean): boolean {
  return scheme === 'http' || (forwardsHttps && scheme === 'https');
}
