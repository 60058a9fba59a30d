import {
  bytesView,
  DEFAULT_USER_AGENT,
  type HeadersInit,
  HTTPHeaderDict,
  InvalidHeader,
  type PreparedBody,
  SKIP_HEADER,
  utf8Bytes,
  validateHeaderName,
  validateHeaderValue,
} from '@urlpool/core';

/** Methods that always send a body, so no body means `Content-Length: 0` (as urllib3). */
const METHODS_WITH_BODY: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);
const EMPTY_BYTES: Uint8Array<ArrayBuffer> = new Uint8Array(0);

/**
 * Reads a stream body into memory once, at the boundary, so retries and 307/308 redirects
 * re-send the same bytes: browsers cannot stream a request body over HTTP/1.1 and other
 * runtimes need `duplex` support, and the runtime frames what it is given. Other bodies are
 * returned as they are.
 */
export async function bufferBody(body: PreparedBody): Promise<PreparedBody> {
  if (body.type !== 'stream') return body;
  const data = bytesView(await collect(body.open()));
  return { type: 'bytes', data, length: data.length };
}

/** The request body as fetch takes it: bytes, or none (an empty body for POST, PUT, PATCH). */
export async function toFetchBody(
  method: string,
  body: PreparedBody,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  if (body.type === 'bytes') {
    const data = body.data;
    bytes =
      typeof data === 'string'
        ? (utf8Bytes(data) as Uint8Array<ArrayBuffer>)
        : (new Uint8Array(
            data.buffer,
            data.byteOffset,
            data.byteLength,
          ) as Uint8Array<ArrayBuffer>);
  } else if (body.type === 'stream') {
    bytes = await collect(body.open());
  }
  if (bytes === undefined || bytes.byteLength === 0) {
    return METHODS_WITH_BODY.has(method) ? EMPTY_BYTES : undefined;
  }
  if (method === 'GET' || method === 'HEAD') {
    throw new TypeError(
      `fetch cannot send a body with ${method}: send it with POST/PUT, or pass the data as fields (query string).`,
    );
  }
  return bytes;
}

async function collect(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  let total = 0;
  let utf8: TextEncoder | undefined;
  for await (const item of chunks as AsyncIterable<Uint8Array | string>) {
    // A text chunk is sent as UTF-8, as the Node connection sends it.
    const chunk = typeof item === 'string' ? (utf8 ??= new TextEncoder()).encode(item) : item;
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError('Request body chunks must be Uint8Array (or Buffer) values or strings.');
    }
    parts.push(chunk);
    total += chunk.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/**
 * The request headers as fetch takes them (pairs, duplicates kept), after urlpool's rules:
 * names and values validated as bytes (`InvalidHeader`), `SKIP_HEADER` values omitted,
 * `User-Agent: urlpool/<VERSION>` added when asked and absent. `Host`, `Accept-Encoding` and
 * framing are the runtime's: a caller's `Content-Length` must match the body (then the
 * runtime sends it), `Transfer-Encoding` is dropped, both together are `InvalidHeader`.
 */
export function toFetchHeaders(
  headers: HeadersInit | undefined,
  bodyLength: number,
  sendUserAgent: boolean,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let hasUserAgent = false;
  let contentLength: string | null = null;
  let transferEncoding = false;
  if (headers !== undefined) {
    const dict = headers instanceof HTTPHeaderDict ? headers : new HTTPHeaderDict(headers);
    for (const [name, value] of dict.items()) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
      const lower = name.toLowerCase();
      if (lower === 'user-agent') hasUserAgent = true;
      if (value === SKIP_HEADER) continue;
      if (lower === 'content-length') {
        contentLength = value;
        continue;
      }
      if (lower === 'transfer-encoding') {
        transferEncoding = true;
        continue;
      }
      out.push([name, value]);
    }
  }
  if (contentLength !== null) {
    if (transferEncoding) {
      throw new InvalidHeader(
        'Content-Length and Transfer-Encoding cannot both be set (RFC 9112 section 6.3): remove one.',
      );
    }
    if (contentLength.trim() !== String(bodyLength)) {
      throw new InvalidHeader(
        `Content-Length: ${contentLength} does not match the body (${bodyLength} bytes): ` +
          'remove the header to let the runtime set it, or send a body of that length.',
      );
    }
  }
  if (sendUserAgent && !hasUserAgent) out.push(['User-Agent', DEFAULT_USER_AGENT]);
  return out;
}
