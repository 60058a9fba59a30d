import { brandErrorClass, HTTPError, type HTTPErrorOptions } from './http-error.ts';

/** The connection broke or the peer spoke invalid HTTP (urllib3's `ProtocolError`). */
export class ProtocolError extends HTTPError {
  static {
    brandErrorClass(ProtocolError, 'ProtocolError', 'URLPOOL_ERR_PROTOCOL');
  }
}

/** The body ended before `Content-Length` (or the chunked framing) said it would. */
export class IncompleteRead extends ProtocolError {
  /** Body bytes received. */
  readonly partial: number;
  /** Body bytes still expected (or -1 when unknown, as for a chunked body). */
  readonly expected: number;

  constructor(partial: number, expected: number, options?: HTTPErrorOptions) {
    super(
      expected >= 0
        ? `IncompleteRead(${partial} bytes read, ${expected} more expected)`
        : `IncompleteRead(${partial} bytes read)`,
      options,
    );
    this.partial = partial;
    this.expected = expected;
  }

  static {
    brandErrorClass(IncompleteRead, 'IncompleteRead', 'URLPOOL_ERR_INCOMPLETE_READ');
  }
}

/** A chunk-size line of a chunked body was not a valid hexadecimal size. */
export class InvalidChunkLength extends ProtocolError {
  /** The offending line (truncated to 64 characters). */
  readonly line: string;

  constructor(line: string, partial: number) {
    const shown = line.length > 64 ? `${line.slice(0, 64)}…` : line;
    super(`InvalidChunkLength(got length ${JSON.stringify(shown)}, ${partial} bytes read)`);
    this.line = shown;
  }

  static {
    brandErrorClass(InvalidChunkLength, 'InvalidChunkLength', 'URLPOOL_ERR_INVALID_CHUNK_LENGTH');
  }
}

/** A TLS failure; the message names the host and the reason, `cause` is Node's error. */
export class SSLError extends HTTPError {
  static {
    brandErrorClass(SSLError, 'SSLError', 'URLPOOL_ERR_SSL');
  }
}

/** The proxy could not be reached or refused the tunnel. */
export class ProxyError extends HTTPError {
  static {
    brandErrorClass(ProxyError, 'ProxyError', 'URLPOOL_ERR_PROXY');
  }
}

/** A body could not be decoded per its `Content-Encoding`, or exceeded `maxDecodedSize`. */
export class DecodeError extends HTTPError {
  static {
    brandErrorClass(DecodeError, 'DecodeError', 'URLPOOL_ERR_DECODE');
  }
}

/** A header name or value is invalid (e.g. contains CR, LF or NUL). */
export class InvalidHeader extends HTTPError {
  static {
    brandErrorClass(InvalidHeader, 'InvalidHeader', 'URLPOOL_ERR_INVALID_HEADER');
  }
}

/** A body had to be sent again (retry or 307/308) but its stream cannot be rewound. */
export class UnrewindableBodyError extends HTTPError {
  static {
    brandErrorClass(
      UnrewindableBodyError,
      'UnrewindableBodyError',
      'URLPOOL_ERR_UNREWINDABLE_BODY',
    );
  }
}

/** Used as a `MaxRetryError` reason: too many redirects or error responses. */
export class ResponseError extends HTTPError {
  /** The message when retries ran out on error responses of no known status (urllib3's). */
  static readonly GENERIC_ERROR: string = 'too many error responses';
  /**
   * The message template when retries ran out on error responses of one status: replace
   * `{status_code}` (urllib3's `SPECIFIC_ERROR`, used with `str.format`).
   */
  static readonly SPECIFIC_ERROR: string = 'too many {status_code} error responses';

  static {
    brandErrorClass(ResponseError, 'ResponseError', 'URLPOOL_ERR_RESPONSE');
  }
}
