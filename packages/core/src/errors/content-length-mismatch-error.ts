import { brandErrorClass, HTTPError } from './http-error.ts';

/**
 * A request body is longer or shorter than the `Content-Length` the request declared. Thrown
 * before a byte beyond the declared length is written; the connection is discarded, since the
 * server would otherwise read the rest (or wait for the missing bytes) as part of the stream.
 */
export class ContentLengthMismatchError extends HTTPError {
  /** The length the request declared. */
  readonly expected: number;
  /** Body bytes the body had (or had produced when it overran `expected`). */
  readonly actual: number;

  constructor(expected: number, actual: number) {
    super(
      actual > expected
        ? `Request body is longer than its Content-Length: ${expected} declared, at least ${actual} bytes given; fix the Content-Length header or leave it out to let urlpool set it`
        : `Request body is shorter than its Content-Length: ${expected} declared, ${actual} bytes given; fix the Content-Length header or leave it out to let urlpool set it`,
    );
    this.expected = expected;
    this.actual = actual;
  }

  static {
    brandErrorClass(
      ContentLengthMismatchError,
      'ContentLengthMismatchError',
      'URLPOOL_ERR_CONTENT_LENGTH_MISMATCH',
    );
  }
}
