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

const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: ([^\r\n]*))?$/;
const DIGITS = /^\d+$/;
/**
 * Parses a response head (status line and headers, without the final empty line) given as a
 * latin1 string. Throws ProtocolError with a message naming what was wrong (InvalidHeader for
 * a Content-Length list whose members disagree, as urllib3).
 * Why hand-written: it runs once per response; a split plus indexOf per line is the cheapest
 * correct approach and keeps header names in wire case for HTTPHeaderDict.fromRaw.
 */
export function parseHead(head: string, limits: ResponseLimits): ParsedHead {
  const lines = head.split('\r\n');
  const statusLine = lines[0]!;
  const match = STATUS_LINE.exec(statusLine);
  if (match === null) {
    throw new ProtocolError(
      `Invalid response status line: ${JSON.stringify(statusLine.slice(0, 80))}; the server did not answer with HTTP/1.x and a status from 100 to 999`,
    );
  }
  const version = match[1] === '1' ? 11 : 10;
  const status = Number(match[2]);
  const reason = match[3] ?? '';
  if (lines.length - 1 > limits.maxHeaders) {
    throw new ProtocolError(
      `Response has too many headers: ${lines.length - 1} > ${limits.maxHeaders}`,
    );
  }
  const rawHeaders: string[] = new Array((lines.length - 1) * 2);
  let contentLength = -1;
  let transferEncoding = false;
  let chunked = false;
  let connectionClose = version === 10;
  let out = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      // Obsolete line folding (RFC 9112 §5.2) is rejected rather than guessed at.
      throw new ProtocolError(
        `Malformed response header line: ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    const name = line.slice(0, colon);
    if (!isToken(name)) {
      throw new ProtocolError(`Invalid response header name: ${JSON.stringify(name.slice(0, 80))}`);
    }
    const value = trimOws(line.slice(colon + 1));
    const bad = findInvalidFieldValueChar(value);
    if (bad !== -1) {
      // A bare CR or LF would let one header smuggle another (RFC 9110 §5.5).
      throw new ProtocolError(
        `Response header ${name} contains ${describeChar(value.charCodeAt(bad))}; the server sent an invalid header value`,
      );
    }
    rawHeaders[out++] = name;
    rawHeaders[out++] = value;
    // Only the three framing headers are inspected here; length checks avoid lowercasing every name.
    switch (name.length) {
      case 14:
        if (name.toLowerCase() === 'content-length') {
          contentLength = parseContentLength(value, contentLength);
        }
        break;
      case 17:
        // An empty Transfer-Encoding lists no coding: it is ignored, as llhttp and urllib3 do.
        if (value.length > 0 && name.toLowerCase() === 'transfer-encoding') {
          // Repeated fields concatenate (RFC 9110 §5.3): the last coding of the last one counts.
          const last = lastCoding(value);
          if (last !== null) {
            transferEncoding = true;
            chunked = last.length === 7 && last.toLowerCase() === 'chunked';
          }
        }
        break;
      case 10:
        if (name.toLowerCase() === 'connection') {
          const option = connectionOption(value);
          if (option === 'close') connectionClose = true;
          else if (version === 10 && option === 'keep-alive') connectionClose = false;
        }
        break;
    }
  }
  if (out !== rawHeaders.length) rawHeaders.length = out;
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
    contentLength,
    chunked,
    close: connectionClose,
    unsafeFraming,
  };
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
