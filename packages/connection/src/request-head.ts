import {
  type ConnectionRequest,
  checkRequestFraming,
  DEFAULT_USER_AGENT,
  encodeRequestTarget,
  type PreparedBody,
  type PreparedHeaders,
  validateHeaderValue,
  validateMethod,
} from '@urlpool/core';

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

/** Methods for which urllib3 sends no Content-Length when there is no body. */
const METHODS_NOT_EXPECTING_CONTENT = new Set([
  'GET',
  'HEAD',
  'DELETE',
  'TRACE',
  'OPTIONS',
  'CONNECT',
]);

// Header lines rendered once per PreparedHeaders (they are frozen): a pool's default headers
// are one object for all its requests, so their text is built once, not per request.
const headerLines = new WeakMap<PreparedHeaders, string>();

/**
 * `Name: value\r\n` for every field of `headers` (cached per frozen headers object). Their
 * names and values were validated by `prepareHeaders`, the only maker of PreparedHeaders.
 */
export function renderHeaderLines(headers: PreparedHeaders): string {
  let text = headerLines.get(headers);
  if (text !== undefined) return text;
  text = '';
  const list = headers.list;
  for (let i = 0; i < list.length; i += 2) text += `${list[i]}: ${list[i + 1]}\r\n`;
  headerLines.set(headers, text);
  return text;
}

// A pool sends the same authority on every request: the last value validated is remembered,
// so the check is a comparison on the hot path (a pure function of the value).
let lastAuthority = '';

const CHUNKED_LINE = 'Transfer-Encoding: chunked\r\n';

/**
 * Renders the whole HTTP/1.1 request head of a structured request as one string (written with
 * a single socket write): request line (origin- or absolute-form target, RFC 9112 §3.2), Host,
 * Accept-Encoding, framing, User-Agent, then the caller's headers and `extraLines` (headers a
 * connection adds to every request, e.g. Proxy-Authorization; `extraHasHost` when they carry
 * a Host, which then replaces the default one), in urllib3's order. Framing
 * follows urllib3: `chunked` forces chunked; a caller's Content-Length or Transfer-Encoding
 * decides; otherwise bytes get Content-Length and streams of unknown length are chunked.
 *
 * This is where everything reaching the wire is checked, whatever path it took: the method
 * (`validateMethod`), the target (`encodeRequestTarget`: percent-encoded, so it cannot add a
 * line), the authority (`validateHeaderValue`; the caller's headers were checked by
 * `prepareHeaders`), and a bytes body against the caller's Content-Length (`checkBodyLength`).
 * Throws before anything is sent.
 */
export function renderRequestHead(
  request: ConnectionRequest,
  extraLines = '',
  extraHasHost = false,
): RenderedHead {
  const { method, headers, body, authority } = request;
  validateMethod(method);
  if (authority !== lastAuthority) {
    validateHeaderValue('Host', authority);
    lastAuthority = authority;
  }
  const path = encodeRequestTarget(request.path);
  const target =
    request.targetForm === 'absolute' ? `${request.scheme}://${authority}${path}` : path;
  let head = `${method} ${target} HTTP/1.1\r\n`;
  // A connection's own Host (`extraLines`) replaces the default one, never a second line.
  if (!headers.hasHost && !extraHasHost) head += `Host: ${authority}\r\n`;
  if (!headers.hasAcceptEncoding) head += 'Accept-Encoding: identity\r\n';
  const framing = bodyFraming(method, headers, body, request.chunked);
  head += framing;
  if (!headers.hasUserAgent) head += `User-Agent: ${DEFAULT_USER_AGENT}\r\n`;
  const chunked =
    request.chunked ||
    (!headers.hasContentLength && (headers.hasTransferEncoding || framing === CHUNKED_LINE));
  return {
    head: `${head}${renderHeaderLines(headers)}${extraLines}\r\n`,
    chunked,
    contentLength: chunked ? -1 : streamLength(headers, body),
  };
}

/** The framing header the connection adds ('' when none or when the caller framed it). */
function bodyFraming(
  method: string,
  headers: PreparedHeaders,
  body: PreparedBody,
  forceChunked: boolean,
): string {
  // A stream of known length is checked now; one of unknown length as it is written.
  checkRequestFraming(headers, body, forceChunked);
  if (forceChunked) return headers.hasTransferEncoding ? '' : CHUNKED_LINE;
  if (headers.hasContentLength) return '';
  if (headers.hasTransferEncoding) return '';
  if (body.type === 'empty') {
    return METHODS_NOT_EXPECTING_CONTENT.has(method) ? '' : 'Content-Length: 0\r\n';
  }
  if (body.type === 'bytes') return `Content-Length: ${body.length}\r\n`;
  if (body.length !== null) return `Content-Length: ${body.length}\r\n`;
  return CHUNKED_LINE;
}

/** The length a streamed body must match exactly: the caller's, or the stream's own; else -1. */
function streamLength(headers: PreparedHeaders, body: PreparedBody): number {
  if (body.type !== 'stream') return -1;
  if (headers.hasContentLength) return headers.contentLength;
  return body.length ?? -1;
}
