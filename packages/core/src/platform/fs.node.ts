import { ReadStream } from 'node:fs';

// Node: the real file streams, for rewindable file bodies (request/file-stream-body.ts).
export { createReadStream } from 'node:fs';

/** True for an `fs.ReadStream`. */
export function isReadStream(value: unknown): value is ReadStream {
  return value instanceof ReadStream;
}
