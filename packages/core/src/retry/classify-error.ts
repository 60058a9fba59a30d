import { ProtocolError, ProxyError } from '../errors/protocol-errors.ts';
import { ConnectTimeoutError, ReadTimeoutError } from '../errors/timeout-errors.ts';

/**
 * True for errors raised before the request reached the server, so a retry is safe for any
 * method (urllib3's `Retry._is_connection_error`): `ConnectTimeoutError` and its subclasses
 * `NewConnectionError` and `NameResolutionError`, also when wrapped in a `ProxyError`
 * (the proxy error's `cause` is checked, as urllib3 checks `original_error`).
 */
export function isConnectionError(error: unknown): boolean {
  const inner = error instanceof ProxyError ? error.cause : error;
  return inner instanceof ConnectTimeoutError;
}

/**
 * True for errors raised after the request was sent, so the server may have acted on it
 * (urllib3's `Retry._is_read_error`): `ReadTimeoutError` and `ProtocolError` (with its
 * subclasses `IncompleteRead` and `InvalidChunkLength`).
 */
export function isReadError(error: unknown): boolean {
  return error instanceof ReadTimeoutError || error instanceof ProtocolError;
}
