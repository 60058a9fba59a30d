import { type HeadersInit, HTTPHeaderDict, InvalidHeader } from '@urlpool/core';

/**
 * Headers for a request whose URL carries `user:pass@` (urllib3 2.x): an
 * `Authorization: Basic` header made of the percent-decoded credentials is added. A single
 * Authorization header with that same value is kept as is; a different one, or more than one,
 * is ambiguous and throws `InvalidHeader` (naming the header, never the credentials). The
 * caller's headers are copied, never mutated, and nothing persists to later requests.
 */
export function withUrlCredentials(headers: HeadersInit | undefined, auth: string): HeadersInit {
  const expected = `Basic ${Buffer.from(decodeUserinfo(auth), 'utf8').toString('base64')}`;
  const merged = new HTTPHeaderDict(headers);
  const given = merged.getlist('authorization');
  if (given.length === 0) {
    merged.add('Authorization', expected);
    return merged;
  }
  if (given.length > 1) {
    throw new InvalidHeader(
      'The URL has credentials and the headers have more than one Authorization header: send one or the other.',
    );
  }
  if (given[0] !== expected) {
    throw new InvalidHeader(
      "The URL's credentials conflict with the Authorization header given: send one or the other.",
    );
  }
  return headers ?? merged;
}

/** `user%40x:p%3Ass` → `user@x:p:ss`; a malformed escape is kept as written. */
function decodeUserinfo(auth: string): string {
  try {
    return decodeURIComponent(auth);
  } catch {
    return auth;
  }
}
