import type { ReadStream as NodeReadStream } from 'node:fs';

/**
 * Runtimes without node:fs have no file streams: no value is ever an instance of this class,
 * so file-stream bodies are never detected there (other streams are sent as one-shot bodies).
 */
export const ReadStream: abstract new (...args: never[]) => NodeReadStream = class {
  static [Symbol.hasInstance](): boolean {
    return false;
  }
} as unknown as abstract new (
  ...args: never[]
) => NodeReadStream;

/** Never called where {@link ReadStream} matches nothing; throws if it is. */
export function createReadStream(): never {
  throw new TypeError('File streams need node:fs, which this runtime does not have.');
}
