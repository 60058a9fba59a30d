import {
  DEFAULT_PORTS,
  type DispatchRequest,
  EMPTY_BODY,
  encodeRequestTarget,
  type HeadersInit,
  normalizeMethod,
  type PreparedBody,
  parseUrl,
  prepareBody,
  type RequestTargetForm,
  Retry,
  toOriginHost,
  withBodyContentType,
  withUrlCredentials,
} from '@urlpool/core';
import type { UrlopenOptions } from './request-options.ts';

/** The pool's side of a request: its origin and default Retry. */
export interface RequestOrigin {
  /** The pool's default headers (the base a body's implied Content-Type is added to). */
  readonly options: { readonly headers: HeadersInit | undefined };
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  readonly retries: Retry | number | false;
  /** `'absolute'` for a forwarding pool: an absolute URL's own origin is the request's. */
  readonly targetForm: RequestTargetForm;
}

/**
 * Resolves `urlopen(method, url, options)` once into the request interceptors and the
 * dispatch see: method normalised, target validated, body prepared (unless the caller already
 * did), Retry resolved. Throws on bad input (callers turn that into a rejection).
 */
export function toDispatchRequest(
  origin: RequestOrigin,
  method: string,
  url: string,
  options: UrlopenOptions,
  preparedBody?: PreparedBody,
): DispatchRequest {
  const redirect = options.redirect ?? true;
  const body =
    preparedBody ??
    (options.body === undefined || options.body === null ? EMPTY_BODY : prepareBody(options.body));
  const target =
    origin.targetForm === 'absolute' && !url.startsWith('/') ? targetOrigin(origin, url) : origin;
  return {
    method: normalizeMethod(method),
    scheme: target.scheme,
    host: target.host,
    port: target.port,
    path: toTarget(url),
    headers: requestHeaders(origin, url, options, body),
    body,
    retries:
      options.retries instanceof Retry
        ? options.retries
        : Retry.from(options.retries, { redirect, default: origin.retries }),
    redirect,
    preloadContent: options.preloadContent ?? true,
    signal: options.signal,
    options,
  };
}

/**
 * The request's headers: the caller's (or, where something must be added, the pool's defaults
 * with it). A FormData or Blob body brings its Content-Type (as with fetch) unless the headers
 * set one; `user:pass@` in an absolute URL becomes `Authorization: Basic` (urllib3 2.x).
 */
function requestHeaders(
  origin: RequestOrigin,
  url: string,
  options: UrlopenOptions,
  body: PreparedBody,
): HeadersInit | undefined {
  let headers = options.headers;
  if (body.type === 'stream' && body.contentType !== undefined) {
    headers = withBodyContentType(headers ?? origin.options.headers, body);
  }
  if (!url.startsWith('/')) {
    const auth = parseUrl(url).auth;
    if (auth !== null) headers = withUrlCredentials(headers ?? origin.options.headers, auth);
  }
  return headers;
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

/**
 * A forwarding pool's request to an absolute URL goes to that URL's origin (the proxy
 * forwards it there); a URL without scheme or host goes to the pool's.
 */
function targetOrigin(
  origin: RequestOrigin,
  url: string,
): { scheme: string; host: string; port: number } {
  const parsed = parseUrl(url);
  if (parsed.scheme === null || !parsed.host) return origin;
  return {
    scheme: parsed.scheme,
    host: toOriginHost(parsed.host),
    port: parsed.port ?? DEFAULT_PORTS[parsed.scheme] ?? origin.port,
  };
}
