import { randomBytes } from 'node:crypto';
import { forEachField } from './iter-fields.ts';
import { type Fields, RequestField } from './request-field.ts';

/** A multipart/form-data body with its `Content-Type` (boundary included). */
export interface MultipartBody {
  /** The encoded body. */
  readonly body: Buffer;
  /** `multipart/form-data; boundary=…` */
  readonly contentType: string;
}

// RFC 2046 §5.1.1: 1–70 bchars, not ending in a space.
const BOUNDARY_RE = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** A random multipart boundary: 32 hex characters (urllib3's `choose_boundary`). */
export function chooseBoundary(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Encodes `fields` as multipart/form-data (urllib3's `encode_multipart_formdata`). Each value is
 * a string (sent as UTF-8), bytes, a number, a file tuple `[filename, data]` /
 * `[filename, data, mimeType]`, or a {@link RequestField}.
 *
 * Throws `TypeError` for a boundary that RFC 2046 does not allow or an unsupported value.
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
  if (typeof b !== 'string' || !BOUNDARY_RE.test(b)) {
    throw new TypeError(
      `Invalid multipart boundary ${JSON.stringify(b)}: use 1 to 70 letters, digits or '()+_,-./:=? (RFC 2046), or leave it out for a random one`,
    );
  }
  const delimiter = Buffer.from(`--${b}\r\n`, 'latin1');
  const crlf = Buffer.from('\r\n', 'latin1');
  const parts: Buffer[] = [];
  forEachField(fields, (name, value) => {
    const field = value instanceof RequestField ? value : RequestField.fromTuples(name, value);
    parts.push(delimiter, Buffer.from(field.renderHeaders(), 'utf8'), toBuffer(field.data), crlf);
  });
  parts.push(Buffer.from(`--${b}--\r\n`, 'latin1'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${b}` };
}

function toBuffer(data: RequestField['data']): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (typeof data === 'number') return Buffer.from(String(data), 'latin1');
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
