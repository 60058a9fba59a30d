import { bytesView, concatBytes, latin1Bytes, utf8Bytes } from '#platform/bytes';
import { forEachField } from './iter-fields.ts';
import { type Fields, RequestField } from './request-field.ts';

/** A multipart/form-data body with its `Content-Type` (boundary included). */
export interface MultipartBody {
  /** The encoded body. */
  readonly body: Buffer;
  /** `multipart/form-data; boundary=…` */
  readonly contentType: string;
}

// urllib3 takes any boundary string; refused are only what would break the framing or the
// Content-Type header it is written into: CR, LF, '"', other control characters (HTAB aside)
// and code points beyond U+00FF (the delimiter lines are written as Latin-1).
const BAD_BOUNDARY_RE = /[\x00-\x08\x0a-\x1f\x7f"]|[^\x00-\xff]/;

/**
 * Throws `TypeError` for a boundary that would break the multipart framing: empty, or with CR,
 * LF, `"`, another control character or a code point beyond U+00FF. Anything else urllib3
 * accepts (`'!! test boundary !!'`) is accepted.
 */
export function assertBoundary(boundary: unknown): asserts boundary is string {
  if (typeof boundary === 'string' && boundary !== '' && !BAD_BOUNDARY_RE.test(boundary)) return;
  throw new TypeError(
    `Invalid multipart boundary ${JSON.stringify(boundary)}: it must be a non-empty string without CR, LF, '"', control characters or characters beyond U+00FF; or leave it out for a random one`,
  );
}

/** A random multipart boundary: 32 hex characters (urllib3's `choose_boundary`). */
export function chooseBoundary(): string {
  // Web Crypto: the same CSPRNG as node:crypto's randomBytes, in every runtime.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return hex;
}

/**
 * Encodes `fields` as multipart/form-data (urllib3's `encode_multipart_formdata`). Each value is
 * a string (sent as UTF-8), bytes, a number, a file tuple `[filename, data]` /
 * `[filename, data, mimeType]`, or a {@link RequestField}.
 *
 * Throws `TypeError` for a boundary that would break the framing (empty, or with CR, LF, `"`,
 * another control character or a code point beyond U+00FF) or an unsupported value.
 *
 * @example
 * ```ts
 * const { body, contentType } = encodeMultipartFormdata({
 *   name: 'value',
 *   upload: ['report.txt', 'contents'],
 * });
 * ```
 */
export function encodeMultipartFormdata(fields: Fields, boundary?: string): MultipartBody {
  const b = boundary ?? chooseBoundary();
  assertBoundary(b);
  const delimiter = latin1Bytes(`--${b}\r\n`);
  const crlf = latin1Bytes('\r\n');
  const parts: Buffer[] = [];
  forEachField(fields, (name, value) => {
    const field = value instanceof RequestField ? value : RequestField.fromTuples(name, value);
    parts.push(
      delimiter,
      utf8Bytes(field.renderHeaders()),
      fieldBytes(field.name, field.data),
      crlf,
    );
  });
  parts.push(latin1Bytes(`--${b}--\r\n`));
  return { body: concatBytes(parts), contentType: `multipart/form-data; boundary=${b}` };
}

/** The bytes of in-memory field data; Blobs and streams throw (they need the async encoder). */
export function fieldBytes(name: string, data: RequestField['data']): Buffer {
  if (typeof data === 'string') return utf8Bytes(data);
  if (typeof data === 'number') return latin1Bytes(String(data));
  if (data instanceof Uint8Array) return bytesView(data);
  throw new TypeError(
    `Field ${JSON.stringify(name)} is a Blob or a stream, which encodeMultipartFormdata cannot read synchronously: pass the fields to request() (which streams them) or read the data into a Buffer first`,
  );
}
