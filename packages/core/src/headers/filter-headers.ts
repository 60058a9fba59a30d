import type { PreparedBody } from '../prepared-body.ts';
import { type HeadersInit, HTTPHeaderDict } from './http-header-dict.ts';

/**
 * Headers that describe a request body. urllib3 drops them when a 303 redirect turns the
 * request into a bodiless GET (`HTTPHeaderDict._prepare_for_method_change`).
 */
export const BODY_HEADERS: ReadonlySet<string> = new Set([
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
  'content-length',
  'digest',
  'last-modified',
  'transfer-encoding',
]);

/**
 * A new HTTPHeaderDict with the fields whose lower-cased name `keep` accepts, in order;
 * `headers` is never mutated.
 */
export function filterHeaders(
  headers: HeadersInit,
  keep: (lowerName: string) => boolean,
): HTTPHeaderDict {
  const copy = new HTTPHeaderDict();
  for (const [name, value] of new HTTPHeaderDict(headers).items()) {
    if (keep(name.toLowerCase())) copy.add(name, value);
  }
  return copy;
}

/** A copy of `headers` without the {@link BODY_HEADERS}, for a request that loses its body. */
export function withoutBodyHeaders(headers: HeadersInit): HTTPHeaderDict {
  return filterHeaders(headers, (name) => !BODY_HEADERS.has(name));
}

/**
 * `headers` with the Content-Type a body implies (a FormData boundary, a Blob's type) added to
 * a copy when the headers have none; `headers` itself when the body implies nothing or the
 * caller set a Content-Type. Never mutates `headers`.
 */
export function withBodyContentType(
  headers: HeadersInit | undefined,
  body: PreparedBody,
): HeadersInit | undefined {
  const implied = body.type === 'stream' ? body.contentType : undefined;
  if (implied === undefined) return headers;
  const dict = new HTTPHeaderDict(headers);
  if (dict.has('content-type')) return headers;
  return dict.set('Content-Type', implied);
}
