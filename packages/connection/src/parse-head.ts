import {
  describeChar,
  findInvalidFieldValueChar,
  InvalidHeader,
  isToken,
  ProtocolError,
  trimOws,
} from '@urlpool/core';
import type { ResponseLimits } from './response-limits.ts';

/** A parsed status line and header block, before framing is decided. */
export interface ParsedHead {
  readonly status: number;
  readonly reason: string;
  /** 11 for HTTP/1.1, 10 for HTTP/1.0. */
  readonly version: 10 | 11;
  /** Flat [name0, value0, name1, value1, ...] in wire order and case. */
  readonly rawHeaders: string[];
  /** The header names of `rawHeaders`, lowercased, in order (for HTTPHeaderDict's index). */
  readonly lowerNames: string[];
  /** Content-Length value, -1 when absent or overridden by Transfer-Encoding. */
  readonly contentLength: number;
  /** True when the last transfer coding is chunked. */
  readonly chunked: boolean;
  /** Connection: close (or HTTP/1.0 without keep-alive). */
  readonly close: boolean;
  /**
   * A Transfer-Encoding not ending in chunked: when the response has a body, it is read until
   * close and the connection is never reused (RFC 9112 §6.3 rule 4). Transfer-Encoding with
   * Content-Length sets `close` (rule 3), whatever the status.
   */
  readonly unsafeFraming: boolean;
}

const DIGITS = /^\d+$/;
/**
 * Parses a response head (status line and headers, without the final empty line) given as a
 * latin1 string. Throws ProtocolError with a message naming what was wrong (InvalidHeader for
 * a Content-Length list whose members disagree, as urllib3).
 * Why hand-written: it runs once per response. Lines are found with `indexOf('\r\n')` and
 * each name and value is sliced once, already trimmed (no split, no regex, no trim copies),
 * keeping header names in wire case for HTTPHeaderDict.fromRaw. A head with more than
 * `maxHeaders` lines is refused before any of its lines is judged, whatever else is wrong.
 */
export function parseHead(head: string, limits: ResponseLimits): ParsedHead {
  const size = head.length;
  let eol = head.indexOf('\r\n');
  if (eol === -1) eol = size;
  const status = statusOf(head, eol);
  const version = head.charCodeAt(7) === 49 ? 11 : 10;
  const reason = eol > 13 ? head.slice(13, eol) : '';
  const rawHeaders: string[] = [];
  const lowerNames: string[] = [];
  let contentLength = -1;
  let transferEncoding = false;
  let chunked = false;
  let connectionClose = version === 10;
  let lines = 0;
  let pos = eol + 2;
  try {
    while (pos <= size) {
      let end = head.indexOf('\r\n', pos);
      if (end === -1) end = size;
      if (++lines > limits.maxHeaders) break;
      const colon = head.indexOf(':', pos);
      if (colon <= pos || colon > end) {
        // Obsolete line folding (RFC 9112 §5.2) is rejected rather than guessed at.
        throw new ProtocolError(
          `Malformed response header line: ${JSON.stringify(head.slice(pos, Math.min(end, pos + 80)))}`,
        );
      }
      const name = head.slice(pos, colon);
      if (!isToken(name)) {
        throw new ProtocolError(
          `Invalid response header name: ${JSON.stringify(name.slice(0, 80))}`,
        );
      }
      // RFC 9110 §5.6.3: SP and HTAB around the value are not part of it.
      let start = colon + 1;
      let stop = end;
      while (start < stop && isOws(head.charCodeAt(start))) start++;
      while (stop > start && isOws(head.charCodeAt(stop - 1))) stop--;
      const value = head.slice(start, stop);
      const bad = findInvalidFieldValueChar(value);
      if (bad !== -1) {
        // A bare CR or LF would let one header smuggle another (RFC 9110 §5.5).
        throw new ProtocolError(
          `Response header ${name} contains ${describeChar(value.charCodeAt(bad))}; the server sent an invalid header value`,
        );
      }
      rawHeaders.push(name, value);
      // Lowercased once, for the framing checks here and the response's HTTPHeaderDict index.
      const lower = name.toLowerCase();
      lowerNames.push(lower);
      switch (name.length) {
        case 14:
          if (lower === 'content-length') {
            contentLength = parseContentLength(value, contentLength);
          }
          break;
        case 17:
          // An empty Transfer-Encoding lists no coding: it is ignored, as llhttp and urllib3 do.
          if (value.length > 0 && lower === 'transfer-encoding') {
            // Repeated fields concatenate (RFC 9110 §5.3): the last coding of the last one counts.
            const last = lastCoding(value);
            if (last !== null) {
              transferEncoding = true;
              chunked = last.length === 7 && last.toLowerCase() === 'chunked';
            }
          }
          break;
        case 10:
          if (lower === 'connection') {
            const option = connectionOption(value);
            if (option === 'close') connectionClose = true;
            else if (version === 10 && option === 'keep-alive') connectionClose = false;
          }
          break;
      }
      pos = end + 2;
    }
  } catch (error) {
    // Too many lines is what the head is refused for, whatever a line says.
    assertHeaderCount(head, pos, lines - 1, limits);
    throw error;
  }
  if (lines > limits.maxHeaders) assertHeaderCount(head, pos, lines - 1, limits);
  let unsafeFraming = false;
  if (transferEncoding) {
    // RFC 9112 §6.3 rules 3–4: Transfer-Encoding overrides Content-Length; with both, or with
    // a coding list not ending in chunked (read until close), the connection is never reused.
    if (contentLength !== -1) connectionClose = true;
    unsafeFraming = !chunked;
    contentLength = -1;
  }
  return {
    status,
    reason,
    version,
    rawHeaders,
    lowerNames,
    contentLength,
    chunked,
    close: connectionClose,
    unsafeFraming,
  };
}

function isOws(code: number): boolean {
  return code === 32 || code === 9;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The status of `HTTP/1.x SSS[ reason]` (the first `eol` characters of `head`): version 1.0 or
 * 1.1, a status from 100 to 999, a reason without CR or LF. Throws ProtocolError otherwise.
 */
function statusOf(head: string, eol: number): number {
  const d0 = head.charCodeAt(9);
  const d1 = head.charCodeAt(10);
  const d2 = head.charCodeAt(11);
  const minor = head.charCodeAt(7);
  if (
    eol >= 12 &&
    head.startsWith('HTTP/1.') &&
    (minor === 48 || minor === 49) &&
    head.charCodeAt(8) === 32 &&
    d0 >= 49 &&
    d0 <= 57 &&
    isDigit(d1) &&
    isDigit(d2) &&
    (eol === 12 || (head.charCodeAt(12) === 32 && !hasCrOrLf(head, 13, eol)))
  ) {
    return (d0 - 48) * 100 + (d1 - 48) * 10 + (d2 - 48);
  }
  const statusLine = head.slice(0, eol);
  throw new ProtocolError(
    `Invalid response status line: ${JSON.stringify(statusLine.slice(0, 80))}; the server did not answer with HTTP/1.x and a status from 100 to 999`,
  );
}

function hasCrOrLf(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 || code === 10) return true;
  }
  return false;
}

/**
 * Throws when the head has more than `maxHeaders` header lines: `counted` lines end before
 * `from`, the rest are counted from there.
 */
function assertHeaderCount(
  head: string,
  from: number,
  counted: number,
  limits: ResponseLimits,
): void {
  let lines = counted;
  if (from <= head.length) {
    for (let at = head.indexOf('\r\n', from); at !== -1; at = head.indexOf('\r\n', at + 2)) lines++;
    lines++;
  }
  if (lines > limits.maxHeaders) {
    throw new ProtocolError(`Response has too many headers: ${lines} > ${limits.maxHeaders}`);
  }
}

/** 'close' or 'keep-alive' when a Connection field lists that option (exact tokens), else null. */
function connectionOption(value: string): 'close' | 'keep-alive' | null {
  let keepAlive = false;
  for (const part of value.toLowerCase().split(',')) {
    const token = trimOws(part);
    if (token === 'close') return 'close';
    if (token === 'keep-alive') keepAlive = true;
  }
  return keepAlive ? 'keep-alive' : null;
}

/** The last non-empty member of a coding list (RFC 9110 §5.6.1 ignores empty ones), or null. */
function lastCoding(value: string): string | null {
  let end = value.length;
  while (end > 0) {
    const comma = value.lastIndexOf(',', end - 1);
    const member = trimOws(value.slice(comma + 1, end));
    if (member.length > 0) return member;
    end = comma === -1 ? 0 : comma;
  }
  return null;
}

function parseContentLength(value: string, previous: number): number {
  // Fast path: one plain number, as nearly every server sends it.
  const n = plainLength(value);
  if (n !== -1 && (previous === -1 || previous === n)) return n;
  // A list like "42, 42" is allowed by RFC 9110 §8.6 when all members agree.
  const parts = value.includes(',') ? value.split(',').map(trimOws) : [value];
  let length = -1;
  for (const part of parts) {
    if (!DIGITS.test(part) || part.length > 15) {
      throw new ProtocolError(
        `Invalid Content-Length in response: ${JSON.stringify(value.slice(0, 40))}`,
      );
    }
    const n = Number(part);
    if (length !== -1 && n !== length) {
      // urllib3 raises InvalidHeader("Content-Length contained multiple unmatching values").
      throw new InvalidHeader(
        `Content-Length contained multiple unmatching values: ${JSON.stringify(value.slice(0, 40))}`,
      );
    }
    length = n;
  }
  if (previous !== -1 && previous !== length) {
    throw new InvalidHeader(
      `Content-Length contained multiple unmatching values: ${previous} and ${length}`,
    );
  }
  return length;
}

/** The value of 1 to 15 ASCII digits as a number, or -1 for anything else. */
function plainLength(value: string): number {
  const length = value.length;
  if (length === 0 || length > 15) return -1;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}
