import { InvalidHeader } from '../errors/protocol-errors.ts';
import type { PreparedBody } from '../prepared-body.ts';
import { checkBodyLength, parseRequestContentLength } from '../request/check-body-length.ts';
import { forEachHeader } from './for-each-header.ts';
import type { HeadersInit } from './http-header-dict.ts';
import { SKIP_HEADER } from './skip-header.ts';
import { validateHeaderName, validateHeaderValue } from './validate-header.ts';

/**
 * Request headers validated once and frozen, in a shape every connection can write: a flat
 * `[name0, value0, name1, value1, …]` list in the caller's order and case, plus what the list
 * says about the defaults a connection adds and about body framing. Made only by
 * {@link prepareHeaders}, so a connection can trust every name and value it is given.
 *
 * Fields given as {@link SKIP_HEADER} are not in the list; they only set the `has…` flag, which
 * stops the connection from adding its default.
 */
export class PreparedHeaders {
  /** Flat `[name, value, …]`, validated. */
  readonly list: readonly string[];
  /** A Host field was given (or skipped). */
  readonly hasHost: boolean;
  /** A User-Agent field was given (or skipped). */
  readonly hasUserAgent: boolean;
  /** An Accept-Encoding field was given (or skipped). */
  readonly hasAcceptEncoding: boolean;
  /** A Content-Length field was given: the caller frames the body. */
  readonly hasContentLength: boolean;
  /** A Transfer-Encoding field was given: the caller frames the body. */
  readonly hasTransferEncoding: boolean;
  /** The caller's Content-Length in bytes, -1 when none was given. */
  readonly contentLength: number;

  /** @hidden Use {@link prepareHeaders}: only it makes validated headers. */
  constructor(token: symbol, list: readonly string[], flags: number, contentLength: number) {
    if (token !== VALIDATED) {
      throw new TypeError('PreparedHeaders are made by prepareHeaders(), which validates them');
    }
    this.list = list;
    this.contentLength = contentLength;
    this.hasHost = (flags & HOST) !== 0;
    this.hasUserAgent = (flags & USER_AGENT) !== 0;
    this.hasAcceptEncoding = (flags & ACCEPT_ENCODING) !== 0;
    this.hasContentLength = (flags & CONTENT_LENGTH) !== 0;
    this.hasTransferEncoding = (flags & TRANSFER_ENCODING) !== 0;
    Object.freeze(list);
    Object.freeze(this);
  }
}

const VALIDATED: unique symbol = Symbol('urlpool.preparedHeaders');
const HOST = 1;
const USER_AGENT = 2;
const ACCEPT_ENCODING = 4;
const CONTENT_LENGTH = 8;
const TRANSFER_ENCODING = 16;

/** No headers at all. */
export const NO_HEADERS: PreparedHeaders = new PreparedHeaders(VALIDATED, [], 0, -1);

/**
 * Validates headers (every accepted shape: plain object, pairs, HTTPHeaderDict, web Headers)
 * with `validateHeaderName` / `validateHeaderValue` and freezes them into a
 * {@link PreparedHeaders}. Throws `InvalidHeader` naming the bad field, for a Content-Length
 * that is not a number (or repeated with another value), and for Content-Length together with
 * Transfer-Encoding (RFC 9112 §6.2).
 *
 * @example
 * ```ts
 * const headers = prepareHeaders({ Accept: 'application/json', 'User-Agent': SKIP_HEADER });
 * // headers.list = ['Accept', 'application/json'], headers.hasUserAgent = true
 * ```
 */
export function prepareHeaders(init: HeadersInit | undefined): PreparedHeaders {
  if (init === undefined) return NO_HEADERS;
  const list: string[] = [];
  let flags = 0;
  let contentLength = -1;
  forEachHeader(init, (name, value) => {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    // Header names are short: a length switch before lowercasing skips most of them.
    switch (name.length) {
      case 4:
        if (name.toLowerCase() === 'host') flags |= HOST;
        break;
      case 10:
        if (name.toLowerCase() === 'user-agent') flags |= USER_AGENT;
        break;
      case 14:
        if (name.toLowerCase() === 'content-length') {
          const length = parseRequestContentLength(value);
          if ((flags & CONTENT_LENGTH) !== 0 && length !== contentLength) {
            throw new InvalidHeader(
              `Conflicting Content-Length request headers: ${contentLength} and ${length}`,
            );
          }
          flags |= CONTENT_LENGTH;
          contentLength = length;
        }
        break;
      case 15:
        if (name.toLowerCase() === 'accept-encoding') flags |= ACCEPT_ENCODING;
        break;
      case 17:
        if (name.toLowerCase() === 'transfer-encoding') flags |= TRANSFER_ENCODING;
        break;
    }
    // validateHeaderValue already refused SKIP_HEADER on headers that cannot be skipped.
    if (value === SKIP_HEADER) return;
    list.push(name, value);
  });
  if ((flags & CONTENT_LENGTH) !== 0 && (flags & TRANSFER_ENCODING) !== 0) {
    throw framingConflict();
  }
  return new PreparedHeaders(VALIDATED, list, flags, contentLength);
}

/** Content-Length and Transfer-Encoding (or `chunked: true`) together: refused. */
export function framingConflict(): InvalidHeader {
  return new InvalidHeader(
    'Content-Length and Transfer-Encoding cannot both be sent (RFC 9112 §6.2): set one of them, ' +
      'or neither to let urlpool frame the body',
  );
}

/**
 * Checks that a request's framing is consistent before anything is connected or sent:
 * Content-Length refused with forced chunked framing, and a body of known length that does not
 * match the caller's Content-Length refused (`ContentLengthMismatchError`). A stream of unknown
 * length is checked as it is written. Protocol-neutral: pools call it before a connection is
 * taken, and connections again where they render the head.
 */
export function checkRequestFraming(
  headers: PreparedHeaders,
  body: PreparedBody,
  chunked: boolean,
): void {
  if (!headers.hasContentLength) return;
  if (chunked) throw framingConflict();
  const declared = headers.contentLength;
  if (body.type !== 'stream')
    checkBodyLength(declared, body.type === 'bytes' ? body.length : 0, true);
  else if (body.length !== null) checkBodyLength(declared, body.length, true);
}
