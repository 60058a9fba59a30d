/** Header value of `name` in a raw request head (latin1 text), or `undefined`. */
function headerValue(head: string, name: string): string | undefined {
  const pattern = new RegExp(`\\r\\n${name}[ \\t]*:[ \\t]*([^\\r\\n]*)`, 'i');
  return pattern.exec(head)?.[1]?.trim();
}

/** End offset of a chunked body starting at `pos`, or -1 when more bytes are needed. */
function chunkedEnd(buf: Buffer, pos: number): number {
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', pos, 'latin1');
    if (lineEnd === -1) return -1;
    const size = Number.parseInt(buf.toString('latin1', pos, lineEnd).split(';')[0]!.trim(), 16);
    if (Number.isNaN(size)) return lineEnd + 2; // malformed: hand over what we have
    if (size === 0) {
      // Trailer section: header lines until an empty line (RFC 9112 section 7.1.2).
      let at = lineEnd + 2;
      for (;;) {
        const next = buf.indexOf('\r\n', at, 'latin1');
        if (next === -1) return -1;
        if (next === at) return at + 2;
        at = next + 2;
      }
    }
    pos = lineEnd + 2 + size + 2;
    if (pos > buf.length) return -1;
  }
}

/**
 * Where the first HTTP/1.x request in `buf` ends: the head up to `\r\n\r\n`, plus a
 * `Content-Length` body or a chunked body up to its last-chunk and trailers. Returns -1 while
 * the request is incomplete. Parses just enough for scripted servers; not a validator.
 */
export function findRequestEnd(buf: Buffer): number {
  const headEnd = buf.indexOf('\r\n\r\n', 0, 'latin1');
  if (headEnd === -1) return -1;
  const bodyStart = headEnd + 4;
  const head = buf.toString('latin1', 0, headEnd + 2);
  const transferEncoding = headerValue(head, 'transfer-encoding');
  if (transferEncoding !== undefined && /chunked\s*$/i.test(transferEncoding)) {
    return chunkedEnd(buf, bodyStart);
  }
  const contentLength = headerValue(head, 'content-length');
  if (contentLength !== undefined) {
    const end = bodyStart + (Number.parseInt(contentLength, 10) || 0);
    return end <= buf.length ? end : -1;
  }
  return bodyStart;
}
