import { blobFilename, isBlob, isStreamingData } from './body-kinds.ts';
import { guessContentType } from './mime-types.ts';

/** The data of one form field. Numbers are sent as their decimal string. */
export type FieldData = string | Buffer | Uint8Array | number;

/**
 * File data read while the request is sent (multipart only): a `Blob`/`File`, a Node
 * `Readable` or another async iterable of byte chunks. A body with a stream in it is sent
 * chunked and cannot be re-sent on a retry or 307/308 redirect; Blobs keep a known length and
 * can be re-sent.
 */
export type StreamingFieldData = Blob | AsyncIterable<Uint8Array>;

/**
 * One form field value: the data itself, a `Blob`/`File` (sent as a file: `File.name` or
 * `'blob'`, its `type` or `application/octet-stream`, as `FormData` does), or a file as
 * `[filename, data]` (media type from a Blob's `type`, else guessed from the extension) or
 * `[filename, data, mimeType]`, where data may also be a Blob or a stream.
 */
export type FieldValue =
  | FieldData
  | Blob
  | readonly [filename: string, data: FieldData | StreamingFieldData]
  | readonly [filename: string, data: FieldData | StreamingFieldData, mimeType: string];

/**
 * Form fields: an object, `[name, value]` pairs (repeated names allowed), `RequestField`s, or a
 * `Map`.
 */
export type Fields =
  | Readonly<Record<string, FieldValue>>
  | ReadonlyArray<readonly [string, FieldValue] | RequestField>
  | ReadonlyMap<string, FieldValue>;

/** Options of the {@link RequestField} constructor. */
export interface RequestFieldOptions {
  /** File name sent in `Content-Disposition`. @default null */
  readonly filename?: string | null | undefined;
  /** Extra part headers. @default {} */
  readonly headers?: Readonly<Record<string, string | null>> | undefined;
}

/** Options of {@link RequestField.makeMultipart}. */
export interface MakeMultipartOptions {
  /** @default 'form-data' */
  readonly contentDisposition?: string | null | undefined;
  /** @default null (no Content-Type header) */
  readonly contentType?: string | null | undefined;
  /** @default null */
  readonly contentLocation?: string | null | undefined;
}

const SORTED_HEADERS = ['Content-Disposition', 'Content-Type', 'Content-Location'];

/**
 * Formats `name="value"` for a multipart header parameter, percent-encoding `\n`, `\r` and `"`
 * as browsers do (WHATWG HTML multipart/form-data encoding; urllib3's
 * `format_multipart_header_param`). Bytes are decoded as UTF-8 first, as urllib3 does.
 */
export function formatMultipartHeaderParam(name: string, value: string | Uint8Array): string {
  const text = typeof value === 'string' ? value : new TextDecoder().decode(value);
  return `${name}="${text.replace(/[\n\r"]/g, (c) => (c === '\n' ? '%0A' : c === '\r' ? '%0D' : '%22'))}"`;
}

/**
 * One part of a multipart/form-data body (urllib3's `RequestField`): a name, data, an optional
 * file name and the part's headers.
 *
 * @example
 * ```ts
 * const field = new RequestField('file', Buffer.from('...'), { filename: 'a.png' });
 * field.makeMultipart({ contentType: 'image/png' });
 * encodeMultipartFormdata([field]);
 * ```
 */
export class RequestField {
  /** Field name. */
  readonly name: string;
  /** File name, or null for a plain field. */
  readonly filename: string | null;
  /** The data sent as the part body (streaming data only through `request()`'s `fields`). */
  data: FieldData | StreamingFieldData;
  /** Part headers, rendered in insertion order after the three standard ones; null values are skipped. */
  headers: Record<string, string | null>;

  /**
   * @param options The file name and headers; a string (or `null`) is the file name alone, as
   * urllib3's positional `RequestField(name, data, filename)`.
   */
  constructor(
    name: string,
    data: FieldData | StreamingFieldData,
    options: RequestFieldOptions | string | null = {},
  ) {
    const opts: RequestFieldOptions =
      typeof options === 'string' || options === null ? { filename: options } : options;
    this.name = name;
    this.filename = opts.filename ?? null;
    this.data = data;
    this.headers = opts.headers ? { ...opts.headers } : {};
  }

  /**
   * A field from a `(name, value)` pair as given in `fields`: a file tuple gets a
   * `Content-Type` (given or guessed from the file name), a plain value gets none.
   */
  static fromTuples(name: string, value: FieldValue): RequestField {
    let filename: string | null = null;
    let contentType: string | null = null;
    let data: FieldData | StreamingFieldData;
    if (isBlob(value)) {
      filename = blobFilename(value);
      contentType = value.type || 'application/octet-stream';
      data = value;
    } else if (Array.isArray(value)) {
      const tuple = value as readonly [string, FieldData | StreamingFieldData, string?];
      if (tuple.length !== 2 && tuple.length !== 3) {
        throw new TypeError(
          `Field ${JSON.stringify(name)}: a file must be [filename, data] or [filename, data, mimeType]; got an array of length ${tuple.length}`,
        );
      }
      filename = tuple[0];
      data = tuple[1];
      const blobType = isBlob(data) ? data.type : '';
      contentType = tuple.length === 3 ? tuple[2]! : blobType || guessContentType(filename);
    } else {
      data = value as FieldData;
    }
    checkData(name, data);
    const field = new RequestField(name, data, { filename });
    field.makeMultipart({ contentType });
    return field;
  }

  /** Sets the Content-Disposition, Content-Type and Content-Location part headers. */
  makeMultipart(options: MakeMultipartOptions = {}): void {
    let disposition = `${options.contentDisposition || 'form-data'}; ${formatMultipartHeaderParam('name', this.name)}`;
    if (this.filename !== null) {
      disposition += `; ${formatMultipartHeaderParam('filename', this.filename)}`;
    }
    this.headers['Content-Disposition'] = disposition;
    this.headers['Content-Type'] = options.contentType ?? null;
    this.headers['Content-Location'] = options.contentLocation ?? null;
  }

  /** The part's header block, ending with the blank line (`\r\n\r\n`). */
  renderHeaders(): string {
    const headers = this.headers;
    let out = '';
    for (const name of SORTED_HEADERS) {
      const value = headers[name];
      if (value) out += `${name}: ${value}\r\n`;
    }
    for (const name of Object.keys(headers)) {
      if (SORTED_HEADERS.includes(name)) continue;
      const value = headers[name];
      if (value) out += `${name}: ${value}\r\n`;
    }
    return `${out}\r\n`;
  }
}

/** Throws `TypeError` unless `data` is a string, bytes, a number, a Blob or a stream. */
export function checkData(
  name: string,
  data: unknown,
): asserts data is FieldData | StreamingFieldData {
  if (typeof data === 'string' || typeof data === 'number' || data instanceof Uint8Array) return;
  if (isStreamingData(data)) return;
  throw new TypeError(
    `Field ${JSON.stringify(name)} has ${data === null ? 'null' : typeof data} data; field data must be a string, number, Buffer, Uint8Array, Blob or stream`,
  );
}
