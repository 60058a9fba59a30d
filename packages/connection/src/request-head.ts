import {
  type HeadersInit,
  type PreparedBody,
  SKIP_HEADER,
  validateHeaderName,
  validateHeaderValue,
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
}

/** An empty header block. */
export const EMPTY_HEADER_BLOCK: HeaderBlock = {
  text: '',
  hasHost: false,
  hasUserAgent: false,
  hasAcceptEncoding: false,
  hasContentLength: false,
  hasTransferEncoding: false,
};

/** Validates and renders headers; SKIP_HEADER omits Host, User-Agent or Accept-Encoding. */
export function renderHeaderBlock(headers: HeadersInit): HeaderBlock {
  let text = '';
  let hasHost = false;
  let hasUserAgent = false;
  let hasAcceptEncoding = false;
  let hasContentLength = false;
  let hasTransferEncoding = false;
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
      case 'content-length':
        hasContentLength = true;
        break;
      case 'transfer-encoding':
        hasTransferEncoding = true;
        break;
    }
    // validateHeaderValue already refused SKIP_HEADER on headers that cannot be skipped.
    if (value === SKIP_HEADER) return;
    text += `${name}: ${value}\r\n`;
  });
  return { text, hasHost, hasUserAgent, hasAcceptEncoding, hasContentLength, hasTransferEncoding };
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

/** The request head string and whether the body must be written with chunked framing. */
export interface RenderedHead {
  readonly head: string;
  readonly chunked: boolean;
}

/**
 * Renders the whole request head as one string (written with a single socket write):
 * request line, Host, Accept-Encoding, framing, User-Agent, then the caller's headers, in
 * urllib3's order. Framing follows urllib3: `chunked` forces chunked; a caller's
 * Content-Length or Transfer-Encoding decides; otherwise bytes get Content-Length and streams
 * of unknown length are chunked.
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
  let head = `${method} ${target} HTTP/1.1\r\n`;
  if (!block.hasHost) head += `Host: ${hostValue}\r\n`;
  if (!block.hasAcceptEncoding) head += 'Accept-Encoding: identity\r\n';
  let chunked = false;
  if (forceChunked) {
    chunked = true;
    if (!block.hasTransferEncoding) head += 'Transfer-Encoding: chunked\r\n';
  } else if (block.hasContentLength) {
    chunked = false;
  } else if (block.hasTransferEncoding) {
    chunked = true;
  } else if (body.type === 'empty') {
    if (!METHODS_NOT_EXPECTING_CONTENT.has(method)) head += 'Content-Length: 0\r\n';
  } else if (body.type === 'bytes') {
    head += `Content-Length: ${body.length}\r\n`;
  } else if (body.length !== null) {
    head += `Content-Length: ${body.length}\r\n`;
  } else {
    chunked = true;
    head += 'Transfer-Encoding: chunked\r\n';
  }
  if (!block.hasUserAgent) head += `User-Agent: ${userAgent}\r\n`;
  return { head: head + block.text + '\r\n', chunked };
}
