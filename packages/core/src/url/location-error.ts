import { LocationParseError } from '../errors/location-errors.ts';

const AUTH_RE = /^((?:[a-zA-Z][a-zA-Z0-9+.-]*:)?\/\/[^/?#\\:]*:)[^/?#\\]*@/;
const CONTROL_RE = /[\x00-\x1f\x7f]/g;

/**
 * A `LocationParseError` for `location` whose message says what was wrong, with any password
 * in the userinfo replaced by `***` and control characters escaped (the message may be logged;
 * `error.location` keeps the input as given).
 */
export function locationParseError(location: string, detail: string): LocationParseError {
  const error = new LocationParseError(location, detail);
  error.message = `Failed to parse: ${safeLocation(location)} (${detail})`;
  return error;
}

/** `location` with its userinfo password redacted and control characters escaped. */
export function safeLocation(location: string): string {
  return location
    .replace(AUTH_RE, '$1***@')
    .replace(CONTROL_RE, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
