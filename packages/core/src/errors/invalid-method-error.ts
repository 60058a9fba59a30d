import { brandErrorClass } from './http-error.ts';
import { InvalidHeader } from './protocol-errors.ts';

/**
 * A request method is not an RFC 9110 token (for example it contains a space, CR or LF), so it
 * cannot be written into a request line. Thrown before anything is sent. An `InvalidHeader`,
 * as api.md asks for every invalid part of a request head.
 */
export class InvalidMethodError extends InvalidHeader {
  /** The rejected method, as given. */
  readonly method: string;

  constructor(method: string) {
    const shown = method.length > 64 ? `${method.slice(0, 64)}…` : method;
    super(
      `Invalid HTTP method ${JSON.stringify(shown)}: a method must be a non-empty RFC 9110 token ` +
        "(letters, digits and !#$%&'*+-.^_`|~ only, no spaces or control characters), e.g. GET or POST",
    );
    this.method = method;
  }

  static {
    brandErrorClass(InvalidMethodError, 'InvalidMethodError', 'URLPOOL_ERR_INVALID_METHOD');
  }
}
