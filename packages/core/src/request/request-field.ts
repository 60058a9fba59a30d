import { guessContentType } from './mime-types.ts';

/** The data of one form field. Numbers are sent as their decimal string. */
export type FieldData = string | Buffer | Uint8Array | number;

/**
 * One form field value: the data itself, or a file as `[filename, data]` (media type guessed
 * from the extension) or `[filename, data, mimeType]`.
 */
export type FieldValue =
  | FieldData
  | readonly [filename: string, data: FieldData]
  | readonly [filename: string, data: FieldData, mimeType: string];

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
 * `format_multipart_header_param`).
 */
export function formatMultipartHeaderParam(name: string, value: string): string {
  return `${name}="${value.replace(/[\n\r"]/g, (c) => (c === '\n' ? '%0A' : c === '\r' ? '%0D' : '%22'))}"`;
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
  /** The data sent as the part body. */
  data: FieldData;
  /** Part headers, rendered in insertion order after the three standard ones; null values are skipped. */
  headers: Record<string, string | null>;

  constructor(name: string, data: FieldData, options: RequestFieldOptions = {}) {
    this.name = name;
    this.filename = options.filename ?? null;
    this.data = data;
    this.headers = options.headers ? { ...options.headers } : {};
  }

  /**
   * A field from a `(name, value)` pair as given in `fields`: a file tuple gets a
   * `Content-Type` (given or guessed from the file name), a plain value gets none.
   */
  static fromTuples(name: string, value: FieldValue): RequestField {
    let filename: string | null = null;
    let contentType: string | null = null;
    let data: FieldData;
    if (Array.isArray(value)) {
      const tuple = value as readonly [string, FieldData, string?];
      if (tuple.length !== 2 && tuple.length !== 3) {
        throw new TypeError(
          `Field ${JSON.stringify(name)}: a file must be [filename, data] or [filename, data, mimeType]; got an array of length ${tuple.length}`,
        );
      }
      filename = tuple[0];
      data = tuple[1];
      contentType = tuple.length === 3 ? tuple[2]! : guessContentType(filename);
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

/** Throws `TypeError` unless `data` is a string, bytes or a number. */
export function checkData(name: string, data: unknown): asserts data is FieldData {
  if (typeof data === 'string' || typeof data === 'number' || data instanceof Uint8Array) return;
  throw new TypeError(
    `Field ${JSON.stringify(name)} has ${data === null ? 'null' : typeof data} data; field data must be a string, number, Buffer or Uint8Array`,
  );
}
