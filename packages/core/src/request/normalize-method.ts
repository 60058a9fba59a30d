import { InvalidMethodError } from '../errors/invalid-method-error.ts';
import { isToken } from '../headers/validate-header.ts';

// Fast path: methods nearly every request uses are returned as-is without a regex or a copy.
const COMMON_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'CONNECT',
  'TRACE',
]);

/**
 * Uppercases `method` and checks that it is an RFC 9110 token; throws `InvalidMethodError`
 * otherwise (a method with a space, CR or LF would corrupt the request line).
 *
 * @example
 * ```ts
 * normalizeMethod('get'); // 'GET'
 * normalizeMethod('GET /evil HTTP/1.1\r\n'); // throws InvalidMethodError
 * ```
 */
export function normalizeMethod(method: string): string {
  if (COMMON_METHODS.has(method)) return method;
  validateMethod(method);
  return method.toUpperCase();
}

/**
 * Throws `InvalidMethodError` (an `InvalidHeader`) unless `method` is an RFC 9110 token: the
 * check the request head renderer runs on every method it writes.
 */
export function validateMethod(method: string): void {
  if (COMMON_METHODS.has(method)) return;
  if (typeof method !== 'string' || !isToken(method)) throw new InvalidMethodError(String(method));
}
