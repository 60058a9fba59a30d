import { latin1Bytes, utf8Bytes } from '#platform/bytes';
import { UnrewindableBodyError } from '../errors/protocol-errors.ts';
import type { PreparedBody } from '../prepared-body.ts';
import { blobChunks, isBlob, isStreamingData } from './body-kinds.ts';
import { forEachField } from './iter-fields.ts';
import { assertBoundary, chooseBoundary, fieldBytes } from './multipart.ts';
import { type Fields, type FieldValue, RequestField } from './request-field.ts';

/** A multipart body whose data is read while it is sent (Blobs, streams, `FormData`). */
export interface StreamingMultipartBody {
  /** The prepared body: a known length unless a part is a stream; replayable unless so too. */
  readonly body: PreparedBody;
  /** `multipart/form-data; boundary=…` */
  readonly contentType: string;
}

type PartData = Buffer | Blob | AsyncIterable<Uint8Array>;

/** True when some field needs the streaming encoder (its data is a Blob or a stream). */
export function hasStreamingFields(fields: Fields): boolean {
  let streaming = false;
  forEachField(fields, (_name, value) => {
    if (streaming) return;
    if (value instanceof RequestField) streaming = isStreamingData(value.data);
    else if (Array.isArray(value)) streaming = isStreamingData(value[1]);
    else streaming = isBlob(value);
  });
  return streaming;
}

/**
 * Encodes `fields` as multipart/form-data like `encodeMultipartFormdata`, but as a streamed
 * body so Blob and stream data are read while sending, never buffered whole. The length is
 * known (Content-Length is sent) when every part is bytes or a Blob; a stream part makes it
 * chunked and the body one-shot (a retry or 307/308 redirect then throws
 * `UnrewindableBodyError`).
 */
export function encodeMultipartStream(fields: Fields, boundary?: string): StreamingMultipartBody {
  const b = boundary ?? chooseBoundary();
  assertBoundary(b);
  const delimiter = `--${b}\r\n`;
  const crlf = latin1Bytes('\r\n');
  const parts: PartData[] = [];
  let length: number | null = 0;
  forEachField(fields, (name, value) => {
    const field = value instanceof RequestField ? value : RequestField.fromTuples(name, value);
    const head = utf8Bytes(delimiter + field.renderHeaders());
    const data = isStreamingData(field.data) ? field.data : fieldBytes(field.name, field.data);
    parts.push(head, data, crlf);
    if (length !== null) {
      const size = data instanceof Uint8Array ? data.length : isBlob(data) ? data.size : null;
      length = size === null ? null : length + head.length + size + crlf.length;
    }
  });
  const end = latin1Bytes(`--${b}--\r\n`);
  parts.push(end);
  const contentType = `multipart/form-data; boundary=${b}`;
  return {
    body: new MultipartStreamBody(parts, length === null ? null : length + end.length, contentType),
    contentType,
  };
}

/** `FormData` entries as fields: strings as values, Files as file fields (name and type kept). */
export function formDataFields(form: FormData): Array<[string, FieldValue]> {
  const fields: Array<[string, FieldValue]> = [];
  for (const [name, value] of form as unknown as Iterable<[string, string | Blob]>) {
    fields.push([name, value]);
  }
  return fields;
}

/** The body behind {@link encodeMultipartStream}. */
class MultipartStreamBody {
  readonly type = 'stream' as const;
  readonly length: number | null;
  readonly replayable: boolean;
  readonly contentType: string;
  readonly #parts: readonly PartData[];
  #opened = false;

  constructor(parts: readonly PartData[], length: number | null, contentType: string) {
    this.#parts = parts;
    this.length = length;
    this.contentType = contentType;
    this.replayable = parts.every((part) => part instanceof Uint8Array || isBlob(part));
  }

  open(): AsyncIterable<Uint8Array> {
    if (this.#opened && !this.replayable) {
      throw new UnrewindableBodyError(
        'The multipart body has a stream part that was already sent once and cannot be ' +
          'rewound, so it cannot be re-sent for this retry or redirect. Pass the file as a ' +
          'Buffer or a Blob to allow re-sending, or disable retries and redirects.',
      );
    }
    this.#opened = true;
    return streamParts(this.#parts);
  }
}

async function* streamParts(parts: readonly PartData[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    if (part instanceof Uint8Array) yield part;
    else yield* isBlob(part) ? blobChunks(part) : part;
  }
}
