import {
  checkBodyLength,
  encodeRequestTarget,
  type HeadersInit,
  InvalidHeader,
  type PreparedBody,
  parseRequestContentLength,
  SKIP_HEADER,
  validateHeaderName,
  validateHeaderValue,
  validateMethod,
} from '@urlpool/core';
import { forEachHeader } from './header-pairs.ts';

/**
 * Header lines rendered once ("Name: value\r\n" each) plus what they say about the defaults
 * and framing. A pool renders its default headers once; requests with their own headers
 * render them per request.
 */
export interface HeaderBlock {
  readonly text: string;
  readonly hasHost: boolean;
  readonly hasUserAgent: boolean;
  readonly hasAcceptEncoding: boolean;
  readonly hasContentLength: boolean;
  readonly hasTransferEncoding: boolean;
  /** The caller's Content-Length in bytes, -1 when none was given. */
  readonly contentLength: number;
}

/** An empty header block. */
export const EMPTY_HEADER_BLOCK: HeaderBlock = {
  text: '',
  hasHost: false,
  hasUserAgent: false,
  hasAcceptEncoding: false,
  hasContentLength: false,
  hasTransferEncoding: false,
  contentLength: -1,
};

/**
 * Validates and renders headers; SKIP_HEADER omits Host, User-Agent or Accept-Encoding.
 * Throws `InvalidHeader` for an invalid name or value, a Content-Length that is not a number
 * (or repeated with another value), and Content-Length together with Transfer-Encoding.
 */
export function renderHeaderBlock(headers: HeadersInit): HeaderBlock {
  let text = '';
  let hasHost = false;
  let hasUserAgent = false;
  let hasAcceptEncoding = false;
  let hasContentLength = false;
  let hasTransferEncoding = false;
  let contentLength = -1;
  forEachHeader(headers, (name, value) => {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const lower = name.toLowerCase();
    switch (lower) {
      case 'host':
        hasHost = true;
        break;
      case 'user-agent':
        hasUserAgent = true;
        break;
      case 'accept-encoding':
        hasAcceptEncoding = true;
        break;
      case 'content-length': {
        const length = parseRequestContentLength(value);
        if (hasContentLength && length !== contentLength) {
          throw new InvalidHeader(
            `Conflicting Content-Length request headers: ${contentLength} and ${length}`,
          );
        }
        hasContentLength = true;
        contentLength = length;
        break;
      }
      case 'transfer-encoding':
        hasTransferEncoding = true;
        break;
    }
    // validateHeaderValue already refused SKIP_HEADER on headers that cannot be skipped.
    if (value === SKIP_HEADER) return;
    text += `${name}: ${value}\r\n`;
  });
  if (hasContentLength && hasTransferEncoding) throw framingConflict();
  return {
    text,
    hasHost,
    hasUserAgent,
    hasAcceptEncoding,
    hasContentLength,
    hasTransferEncoding,
    contentLength,
  };
}

function framingConflict(): InvalidHeader {
  return new InvalidHeader(
    'Content-Length and Transfer-Encoding cannot both be sent (RFC 9112 §6.2): set one of them, ' +
      'or neither to let urlpool frame the body',
  );
}

/** Methods for which urllib3 sends no Content-Length when there is no body. */
const METHODS_NOT_EXPECTING_CONTENT = new Set([
  'GET',
  'HEAD',
  'DELETE',
  'TRACE',
  'OPTIONS',
  'CONNECT',
]);

// A pool sends the same Host and User-Agent on every request: the last values validated are
// remembered, so the check is a comparison on the hot path (a pure function of the value).
let lastHost = '';
let lastUserAgent = '';

/** The request head string and how the body must be framed. */
export interface RenderedHead {
  readonly head: string;
  readonly chunked: boolean;
  /**
   * The Content-Length a streamed body must match exactly (the caller's, or the stream's own
   * length), -1 when the body is chunked or not a stream.
   */
  readonly contentLength: number;
}

/**
 * Renders the whole request head as one string (written with a single socket write):
 * request line, Host, Accept-Encoding, framing, User-Agent, then the caller's headers, in
 * urllib3's order. Framing follows urllib3: `chunked` forces chunked; a caller's
 * Content-Length or Transfer-Encoding decides; otherwise bytes get Content-Length and streams
 * of unknown length are chunked.
 *
 * This is where everything reaching the wire is checked, whatever path it took: the method
 * (`validateMethod`), the target (`encodeRequestTarget`: percent-encoded, so it cannot add a
 * line), the Host and User-Agent values (`validateHeaderValue`; the caller's headers were
 * checked by {@link renderHeaderBlock}), and a bytes body against the caller's Content-Length
 * (`checkBodyLength`). Throws before anything is sent.
 */
export function renderRequestHead(
  method: string,
  target: string,
  hostValue: string,
  userAgent: string,
  block: HeaderBlock,
  body: PreparedBody,
  forceChunked: boolean,
): RenderedHead {
  validateMethod(method);
  let head = `${method} ${encodeRequestTarget(target)} HTTP/1.1\r\n`;
  if (!block.hasHost) {
    if (hostValue !== lastHost) {
      validateHeaderValue('Host', hostValue);
      lastHost = hostValue;
    }
    head += `Host: ${hostValue}\r\n`;
  }
  if (!block.hasAcceptEncoding) head += 'Accept-Encoding: identity\r\n';
  let chunked = false;
  let contentLength = -1;
  if (forceChunked) {
    if (block.hasContentLength) throw framingConflict();
    chunked = true;
    if (!block.hasTransferEncoding) head += 'Transfer-Encoding: chunked\r\n';
  } else if (block.hasContentLength) {
    const declared = block.contentLength;
    if (body.type === 'stream') {
      // A stream of known length is checked now; one of unknown length as it is written.
      if (body.length !== null) checkBodyLength(declared, body.length, true);
      contentLength = declared;
    } else {
      checkBodyLength(declared, body.type === 'bytes' ? body.length : 0, true);
    }
  } else if (block.hasTransferEncoding) {
    chunked = true;
  } else if (body.type === 'empty') {
    if (!METHODS_NOT_EXPECTING_CONTENT.has(method)) head += 'Content-Length: 0\r\n';
  } else if (body.type === 'bytes') {
    head += `Content-Length: ${body.length}\r\n`;
  } else if (body.length !== null) {
    head += `Content-Length: ${body.length}\r\n`;
    contentLength = body.length;
  } else {
    chunked = true;
    head += 'Transfer-Encoding: chunked\r\n';
  }
  if (!block.hasUserAgent) {
    if (userAgent !== lastUserAgent) {
      validateHeaderValue('User-Agent', userAgent);
      lastUserAgent = userAgent;
    }
    head += `User-Agent: ${userAgent}\r\n`;
  }
  return { head: head + block.text + '\r\n', chunked, contentLength };
}
