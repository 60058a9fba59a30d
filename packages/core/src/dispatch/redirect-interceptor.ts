import { HostChangedError } from '../errors/pool-errors.ts';
import { filterHeaders, withoutBodyHeaders } from '../headers/filter-headers.ts';
import { basicCredentialsFromUserinfo } from '../headers/url-credentials.ts';
import { EMPTY_BODY } from '../prepared-body.ts';
import { DEFAULT_PORTS } from '../url/default-ports.ts';
import { encodeRequestTarget } from '../url/encode-request-target.ts';
import { formatAuthority, toOriginHost } from '../url/format-authority.ts';
import { parseUrl } from '../url/parse-url.ts';
import { resolveRedirectLocation } from '../url/resolve-redirect-location.ts';
import type { DispatchRequest, DispatchResponse, Interceptor } from './dispatch.ts';
import { countResponse, type RedirectStep, retryingDispatch } from './retry-interceptor.ts';

/** Options of {@link createRedirectInterceptor}. */
export interface RedirectInterceptorOptions {
  /**
   * `'same-host'` (pools): a redirect to another origin throws `HostChangedError` unless the
   * request's `assertSameHost` option is false. `'any-host'` (managers): redirects go anywhere,
   * and headers the Retry lists in `removeHeadersOnRedirect` (Authorization, Cookie,
   * Proxy-Authorization) are dropped when the origin changes.
   */
  readonly scope: 'same-host' | 'any-host';
  /** Names the pool (or manager) for `MaxRetryError.pool` and `HostChangedError.pool`. */
  readonly pool?: ((request: DispatchRequest) => unknown) | undefined;
}

/** What `assertSameHost` a request carries (a pool option; true unless set false). */
interface SameHostOption {
  readonly assertSameHost?: boolean | undefined;
}

/**
 * Follows redirects (a 3xx with a Location, when `request.redirect`), counting each on the
 * Retry as urllib3 does: the redirect's own body is drained undecoded (its connection goes
 * back for reuse), the Retry's backoff for `Retry-After` is honoured, a 303 becomes a GET
 * without body (RFC 9110 §15.4.4), and when redirects run out, `MaxRetryError`, or the
 * redirect response itself with `raiseOnRedirect: false`.
 */
export function createRedirectInterceptor<R extends DispatchResponse>(
  options: RedirectInterceptorOptions,
): Interceptor<R> {
  const follow = redirectStep(options);
  return (next) =>
    async function redirect(request: DispatchRequest): Promise<R> {
      let current = request;
      for (;;) {
        const response = await next(current);
        if (!current.redirect) return response;
        const location = response.getRedirectLocation();
        if (!location) return response;
        const redirected = await follow(current, response, location);
        if (redirected === null) return response;
        current = redirected;
      }
    };
}

/**
 * `compose(send, createRedirectRetryInterceptor(options))` behaves as
 * `compose(send, createRedirectInterceptor(options), createRetryInterceptor({ pool }))`, the
 * chain pools and managers use, with redirects and retries in one loop: one async frame per
 * request instead of two.
 */
export function createRedirectRetryInterceptor<R extends DispatchResponse>(
  options: RedirectInterceptorOptions,
): Interceptor<R> {
  const follow = redirectStep(options);
  return (next) => retryingDispatch(next, options.pool, follow);
}

/**
 * One redirect: drains the redirect response, counts it on the Retry (MaxRetryError, or null
 * to return the response with `raiseOnRedirect: false`), waits the Retry-After backoff and
 * returns the request to send to the Location.
 */
function redirectStep(options: RedirectInterceptorOptions): RedirectStep {
  const anyHost = options.scope === 'any-host';
  const poolOf = options.pool;
  return async function followRedirect(
    current: DispatchRequest,
    response: DispatchResponse,
    location: string,
  ): Promise<DispatchRequest | null> {
    const base = `${current.scheme}://${formatAuthority(current.host, current.port, current.scheme)}${current.path}`;
    let href: string;
    try {
      href = resolveRedirectLocation(location, base);
    } catch (error) {
      // Drained first: the connection goes back to its pool (a blocking pool must not starve).
      await response.drainConn();
      throw error;
    }
    const retries = await countResponse(
      current,
      response,
      (response.retries ?? current.retries).raiseOnRedirect,
      poolOf,
      anyHost ? base : current.path,
    );
    if (retries === null) return null;
    await response.drainConn();
    await retries.sleepForRetry(response, { signal: current.signal });
    const target = parseUrl(href);
    const scheme = target.scheme ?? current.scheme;
    const host = target.host === null ? current.host : toOriginHost(target.host);
    const port = target.port ?? DEFAULT_PORTS[scheme] ?? current.port;
    const sameOrigin = scheme === current.scheme && host === current.host && port === current.port;
    let { method, body, headers } = current;
    if (response.status === 303) {
      if (method !== 'HEAD') method = 'GET';
      body = EMPTY_BODY;
      if (headers !== undefined) headers = withoutBodyHeaders(headers);
    }
    if (!sameOrigin) {
      if (!anyHost) {
        if ((current.options as SameHostOption).assertSameHost !== false) {
          throw new HostChangedError(poolOf?.(current), href, retries);
        }
      } else if (headers !== undefined && retries.removeHeadersOnRedirect.size > 0) {
        headers = filterHeaders(headers, (name) => !retries.isHeaderRemovedOnRedirect(name));
      }
    }
    // A Location with its own `user:pass@` (managers): those credentials are the next request's
    // Authorization, in place of any kept from this one, as for a URL given to the manager.
    // (A manager's request without headers uses no pool defaults, so none are lost here.)
    if (anyHost && target.auth !== null) {
      const withCredentials = filterHeaders(headers ?? {}, (name) => name !== 'authorization');
      headers = withCredentials.add('Authorization', basicCredentialsFromUserinfo(target.auth));
    }
    // The prepared body is passed on as is: a replayable one is re-sent, a spent stream
    // throws UnrewindableBodyError before the next attempt connects.
    return {
      ...current,
      method,
      scheme,
      host,
      port,
      path: encodeRequestTarget(target.requestUri),
      headers,
      body,
      retries,
    };
  };
}
