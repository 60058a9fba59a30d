import { ContentLengthMismatchError } from '../errors/content-length-mismatch-error.ts';
import { InvalidHeader } from '../errors/protocol-errors.ts';
import { trimOws } from '../headers/trim-ows.ts';

const DIGITS = /^\d{1,15}$/;

/**
 * The one check of a request body's length against its `Content-Length`: throws
 * `ContentLengthMismatchError` when `length` bytes exceed `declared`, or, once the body is
 * `complete`, differ from it. Called before sending a body of known length, and before every
 * chunk of a streamed one (so no byte beyond `declared` is ever written).
 */
export function checkBodyLength(declared: number, length: number, complete: boolean): void {
  if (length > declared || (complete && length !== declared)) {
    throw new ContentLengthMismatchError(declared, length);
  }
}

/**
 * Parses a caller's `Content-Length` request header value (digits only, surrounding SP/HTAB
 * allowed); throws `InvalidHeader` otherwise.
 */
export function parseRequestContentLength(value: string): number {
  const trimmed = trimOws(value);
  if (!DIGITS.test(trimmed)) {
    throw new InvalidHeader(
      `Invalid Content-Length request header ${JSON.stringify(value.slice(0, 40))}: it must be a number of bytes`,
    );
  }
  return Number(trimmed);
}
