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
