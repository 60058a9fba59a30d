import { ProtocolError } from '@urlpool/core';
import type { ResponseLimits } from './response-limits.ts';

/** A parsed status line and header block, before framing is decided. */
export interface ParsedHead {
  readonly status: number;
  readonly reason: string;
  /** 11 for HTTP/1.1, 10 for HTTP/1.0. */
  readonly version: 10 | 11;
  /** Flat [name0, value0, name1, value1, ...] in wire order and case. */
  readonly rawHeaders: string[];
  /** Content-Length value, -1 when absent. */
  readonly contentLength: number;
  /** True when the last transfer coding is chunked. */
  readonly chunked: boolean;
  /** Connection: close (or HTTP/1.0 without keep-alive). */
  readonly close: boolean;
}

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;
const DIGITS = /^\d+$/;
// RFC 9110 field-name token; values must not contain NUL (CR/LF cannot occur: we split on them).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Parses a response head (status line and headers, without the final empty line) given as a
 * latin1 string. Throws ProtocolError with a message naming what was wrong.
 * Why hand-written: it runs once per response; a split plus indexOf per line is the cheapest
 * correct approach and keeps header names in wire case for HTTPHeaderDict.fromRaw.
 */
export function parseHead(head: string, limits: ResponseLimits): ParsedHead {
  const lines = head.split('\r\n');
  const statusLine = lines[0]!;
  const match = STATUS_LINE.exec(statusLine);
  if (match === null) {
    throw new ProtocolError(
      `Invalid response status line: ${JSON.stringify(statusLine.slice(0, 80))}; the server did not answer with HTTP/1.x`,
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
    if (!TOKEN.test(name)) {
      throw new ProtocolError(`Invalid response header name: ${JSON.stringify(name.slice(0, 80))}`);
    }
    const value = line.slice(colon + 1).trim();
    if (value.includes('\0')) {
      throw new ProtocolError(`Response header ${name} contains a NUL byte`);
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
        if (name.toLowerCase() === 'transfer-encoding') {
          const codings = value.toLowerCase();
          chunked = codings === 'chunked' || /(?:^|,)\s*chunked\s*$/.test(codings);
        }
        break;
      case 10:
        if (name.toLowerCase() === 'connection') {
          const tokens = value.toLowerCase();
          if (tokens.includes('close')) connectionClose = true;
          else if (version === 10 && tokens.includes('keep-alive')) connectionClose = false;
        }
        break;
    }
  }
  if (out !== rawHeaders.length) rawHeaders.length = out;
  return { status, reason, version, rawHeaders, contentLength, chunked, close: connectionClose };
}

function parseContentLength(value: string, previous: number): number {
  // A list like "42, 42" is allowed by RFC 9110 §8.6 when all members agree.
  const parts = value.includes(',') ? value.split(',').map((p) => p.trim()) : [value];
  let length = -1;
  for (const part of parts) {
    if (!DIGITS.test(part) || part.length > 15) {
      throw new ProtocolError(
        `Invalid Content-Length in response: ${JSON.stringify(value.slice(0, 40))}`,
      );
    }
    const n = Number(part);
    if (length !== -1 && n !== length) {
      throw new ProtocolError(`Conflicting Content-Length values in response: ${value}`);
    }
    length = n;
  }
  if (previous !== -1 && previous !== length) {
    throw new ProtocolError(
      `Conflicting Content-Length headers in response: ${previous} and ${length}`,
    );
  }
  return length;
}
