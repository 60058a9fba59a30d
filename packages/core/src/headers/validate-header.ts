import { InvalidHeader } from '../errors/protocol-errors.ts';
import type { HTTPHeaderDict } from './http-header-dict.ts';
import { SKIP_HEADER, SKIPPABLE_HEADERS } from './skip-header.ts';

// RFC 9110 §5.6.2: token = 1*tchar.
const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// CR, LF and NUL end or split a header line on the wire (header injection, RFC 9110 §5.5).
const FORBIDDEN_VALUE_RE = /[\r\n\0]/;
// Values of these headers are credentials: error messages never echo them.
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/** Whether `name` is a valid RFC 9110 token (a valid header name or method). */
export function isToken(name: string): boolean {
  return TOKEN_RE.test(name);
}

/**
 * Throws `InvalidHeader` unless `name` is a valid header field name (a non-empty RFC 9110
 * token: no spaces, colons, CR, LF or NUL).
 */
export function validateHeaderName(name: string): void {
  if (typeof name === 'string' && TOKEN_RE.test(name)) return;
  const shown = typeof name === 'string' ? JSON.stringify(truncate(name)) : typeof name;
  throw new InvalidHeader(
    `Invalid header name ${shown}: header names must be non-empty RFC 9110 tokens ` +
      "(letters, digits and !#$%&'*+-.^_`|~; no spaces, colons or control characters)",
  );
}

/**
 * Throws `InvalidHeader` when the value of header `name` contains CR, LF or NUL (which would
 * let a value inject extra header lines), or is {@link SKIP_HEADER} on a header that cannot be
 * skipped. Values of Authorization, Proxy-Authorization, Cookie and Set-Cookie are never shown
 * in the message.
 */
export function validateHeaderValue(name: string, value: string): void {
  if (typeof value !== 'string') {
    throw new InvalidHeader(
      `Invalid value for header ${JSON.stringify(name)}: expected a string, got ${value === null ? 'null' : typeof value}`,
    );
  }
  const bad = value.search(FORBIDDEN_VALUE_RE);
  if (bad !== -1) {
    const what =
      value[bad] === '\r'
        ? 'a carriage return (CR)'
        : value[bad] === '\n'
          ? 'a line feed (LF)'
          : 'a NUL byte';
    const shown = SECRET_HEADERS.has(name.toLowerCase())
      ? '(value redacted)'
      : JSON.stringify(truncate(value));
    throw new InvalidHeader(
      `Invalid value for header ${JSON.stringify(name)}: it contains ${what} at index ${bad}, ` +
        `which would allow header injection; remove CR, LF and NUL characters. Value: ${shown}`,
    );
  }
  if (value === SKIP_HEADER && !SKIPPABLE_HEADERS.has(name.toLowerCase())) {
    throw new InvalidHeader(
      `SKIP_HEADER was given for header ${JSON.stringify(name)}, but it only applies to ` +
        "'Accept-Encoding', 'Host' and 'User-Agent'",
    );
  }
}

/** Validates every field of `headers` with {@link validateHeaderName} and {@link validateHeaderValue}. */
export function validateHeaders(headers: HTTPHeaderDict): void {
  const pairs = headers.rawPairs();
  for (let i = 0; i < pairs.length; i += 2) {
    validateHeaderName(pairs[i]!);
    validateHeaderValue(pairs[i]!, pairs[i + 1]!);
  }
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
