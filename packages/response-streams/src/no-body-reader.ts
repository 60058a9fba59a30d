import type { RawBodyReader } from '@urlpool/core';
import { ProtocolError } from '@urlpool/core';

/**
 * True when a response to `method` with `status` cannot have a body (RFC 9110 §6.4.1, §9.3.2):
 * 1xx, 204 and 304 answers and any answer to HEAD.
 */
export function forbidsBody(status: number, method: string | null): boolean {
  if (status < 200 || status === 204 || status === 304 || method === 'HEAD') return true;
  // Requests carry upper-case methods; a hand-built response may not.
  return method != null && method !== 'GET' && method.toUpperCase() === 'HEAD';
}

/**
 * Wraps the raw body of a response that cannot have one: its end passes through, but a byte
 * fails the body with ProtocolError("Response may not contain content."), as urllib3 does (a
 * transport that frames such a body has desynchronised from the server). HTTPConnection never
 * yields one; this guards custom connection factories and hand-built readers.
 */
export class NoBodyReader implements RawBodyReader {
  readonly #raw: RawBodyReader;

  constructor(raw: RawBodyReader) {
    this.#raw = raw;
  }

  get done(): boolean {
    return this.#raw.done;
  }

  get bytesRead(): number {
    return this.#raw.bytesRead;
  }

  get lengthRemaining(): number | null {
    return this.#raw.lengthRemaining;
  }

  get chunked(): boolean {
    return this.#raw.chunked;
  }

  tryNext(): Buffer | null | undefined {
    const chunk = this.#raw.tryNext();
    return chunk === null || chunk === undefined ? chunk : this.#refuse();
  }

  async next(): Promise<Buffer | null> {
    const chunk = await this.#raw.next();
    return chunk === null ? null : this.#refuse();
  }

  destroy(error?: Error): void {
    this.#raw.destroy(error);
  }

  #refuse(): never {
    const error = new ProtocolError('Response may not contain content.');
    this.#raw.destroy(error);
    throw error;
  }
}
