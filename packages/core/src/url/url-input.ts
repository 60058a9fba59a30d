import { LocationValueError } from '../errors/location-errors.ts';

/** A URL as callers may give it: a string or a WHATWG `URL`. */
export type UrlInput = string | URL;

/**
 * The string form of a URL argument: a string as is, a WHATWG `URL` as its `href`.
 * `null`/`undefined` give `''` (urllib3's `parse_url(None)` is an empty `Url`, and callers that
 * need a host then throw `LocationValueError: No host specified.`); anything else throws
 * `LocationValueError`.
 */
export function urlToString(url: UrlInput | null | undefined): string {
  if (typeof url === 'string') return url;
  if (url == null) return '';
  if (url instanceof URL) return url.href;
  throw new LocationValueError(
    `A URL must be a string or a URL object, got ${Array.isArray(url) ? 'an array' : typeof url}.`,
  );
}
