// Node: the real file streams, for rewindable file bodies (request/file-stream-body.ts).
export { createReadStream, ReadStream } from 'node:fs';
