import { InvalidHeader } from '../errors/protocol-errors.ts';
import type { HTTPHeaderDict } from './http-header-dict.ts';
import { SKIP_HEADER, SKIPPABLE_HEADERS } from './skip-header.ts';

// RFC 9110 §5.6.2: token = 1*tchar; tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" /
// "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA. A lookup table: every header name of
// every request and response is checked, and a charCode loop beats a regex on short names.
const TCHAR: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const c of "!#$%&'*+-.^_`|~") table[c.charCodeAt(0)] = 1;
  for (let c = 48; c <= 57; c++) table[c] = 1;
  for (let c = 65; c <= 90; c++) table[c] = table[c + 32] = 1;
  return table;
})();
// Values of these headers are credentials: error messages never echo them.
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/**
 * Index of the first character of `value` that may not appear in a header field value on the
 * wire, or -1 when every character is allowed. RFC 9110 §5.5 field-value bytes as node:http
 * (llhttp) allows them: HTAB, SP, VCHAR and obs-text (0x80–0xFF). Anything else (CR, LF, NUL,
 * other controls, DEL, and code points above U+00FF, which a latin1 write would truncate into
 * a control byte: U+010A is a line feed) is refused.
 * Shared by request validation and the response parser.
 */
export function findInvalidFieldValueChar(value: string): number {
  // A charCode loop: several times faster than a regex search on the short values of a head.
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 ? code !== 9 : code === 0x7f || code > 0xff) return i;
  }
  return -1;
}

/** Whether `name` is a valid RFC 9110 token (a valid header name or method). */
export function isToken(name: string): boolean {
  if (typeof name !== 'string') return false;
  const length = name.length;
  if (length === 0) return false;
  for (let i = 0; i < length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 128 || TCHAR[code] === 0) return false;
  }
  return true;
}

/**
 * Throws `InvalidHeader` unless `name` is a valid header field name (a non-empty RFC 9110
 * token: no spaces, colons, CR, LF or NUL).
 */
export function validateHeaderName(name: string): void {
  if (typeof name === 'string' && isToken(name)) return;
  const shown = typeof name === 'string' ? JSON.stringify(truncate(name)) : typeof name;
  throw new InvalidHeader(
    `Invalid header name ${shown}: header names must be non-empty RFC 9110 tokens ` +
      "(letters, digits and !#$%&'*+-.^_`|~; no spaces, colons or control characters)",
  );
}

/**
 * Throws `InvalidHeader` when the value of header `name` contains anything but HTAB, 0x20–0x7E
 * and 0x80–0xFF (CR, LF, NUL, other controls, or a code point above U+00FF, any of which could
 * inject header lines once written as bytes), or is {@link SKIP_HEADER} on a header that cannot be
 * skipped. Values of Authorization, Proxy-Authorization, Cookie and Set-Cookie are never shown
 * in the message.
 */
export function validateHeaderValue(name: string, value: string): void {
  if (typeof value !== 'string') {
    throw new InvalidHeader(
      `Invalid value for header ${JSON.stringify(name)}: expected a string, got ${value === null ? 'null' : typeof value}`,
    );
  }
  const bad = findInvalidFieldValueChar(value);
  if (bad !== -1) {
    const what = describeChar(value.charCodeAt(bad));
    const shown = SECRET_HEADERS.has(name.toLowerCase())
      ? '(value redacted)'
      : JSON.stringify(truncate(value));
    throw new InvalidHeader(
      `Invalid value for header ${JSON.stringify(name)}: it contains ${what} at index ${bad}, ` +
        `which cannot be sent safely (header values allow only HTAB, 0x20–0x7E and 0x80–0xFF; ` +
        `a character above U+00FF must be encoded by the caller, e.g. percent-encoded). Value: ${shown}`,
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

/** Names a character for an error message ("a line feed (LF)", "U+010A"). */
export function describeChar(code: number): string {
  switch (code) {
    case 13:
      return 'a carriage return (CR)';
    case 10:
      return 'a line feed (LF)';
    case 0:
      return 'a NUL byte';
    case 32:
      return 'a space';
  }
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return code < 0x20 || code === 0x7f ? `a control character (U+${hex})` : `U+${hex}`;
}
