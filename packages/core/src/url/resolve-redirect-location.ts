import type { LocationParseError } from '../errors/location-errors.ts';
import { locationParseError } from './location-error.ts';

/**
 * Resolves a redirect's `Location` against the URL of the request that got it (RFC 9110
 * §10.2.2: a relative reference is resolved against the target URI) and returns the absolute
 * URL. A value that is not a valid URL reference (`http://`, `http://[::1`, a port above
 * 65535) throws `LocationParseError` rather than the `TypeError` of `new URL()`, so callers can
 * drain the redirect response and report a typed error.
 *
 * @example
 * ```ts
 * resolveRedirectLocation('/next?a=1', 'http://127.0.0.1:8080/start'); // 'http://127.0.0.1:8080/next?a=1'
 * resolveRedirectLocation('http://', 'http://127.0.0.1:8080/start');   // throws LocationParseError
 * ```
 */
export function resolveRedirectLocation(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch (error) {
    throw withCause(
      locationParseError(location, 'the Location header of the redirect is not a valid URL'),
      error,
    );
  }
}

function withCause(error: LocationParseError, cause: unknown): LocationParseError {
  Object.defineProperty(error, 'cause', { value: cause, configurable: true, writable: true });
  return error;
}
