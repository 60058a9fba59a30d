import type { ReadStream } from 'node:fs';

/**
 * Runtimes without node:fs have no file streams: nothing is one, so file-stream bodies are never
 * detected there (other streams are sent as one-shot bodies).
 */
export function isReadStream(_value: unknown): _value is ReadStream {
  return false;
}

/** Never called where {@link isReadStream} is always false; throws if it is. */
export function createReadStream(): never {
  throw new TypeError('File streams need node:fs, which this runtime does not have.');
}
