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
    // A FormData or Blob body brings its Content-Type (as with fetch) unless the headers set one.
    headers:
      body.type === 'stream' && body.contentType !== undefined
        ? withBodyContentType(options.headers ?? origin.options.headers, body)
        : options.headers,
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
