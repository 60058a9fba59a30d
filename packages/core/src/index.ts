export type { Connector, ConnectRequest, SocketOptions } from './connector.ts';
export { brandErrorClass, HTTPError, type HTTPErrorOptions } from './errors/http-error.ts';
export {
  LocationParseError,
  LocationValueError,
  ProxySchemeUnknown,
  URLSchemeUnknown,
} from './errors/location-errors.ts';
export {
  ClosedPoolError,
  EmptyPoolError,
  FullPoolError,
  HostChangedError,
  MaxRetryError,
  PoolError,
  RequestError,
} from './errors/pool-errors.ts';
export {
  DecodeError,
  IncompleteRead,
  InvalidChunkLength,
  InvalidHeader,
  ProtocolError,
  ProxyError,
  ResponseError,
  SSLError,
  UnrewindableBodyError,
} from './errors/protocol-errors.ts';
export {
  ConnectTimeoutError,
  isTimeoutError,
  NameResolutionError,
  NewConnectionError,
  ReadTimeoutError,
  TimeoutError,
} from './errors/timeout-errors.ts';
export { EMPTY_BODY, type PreparedBody } from './prepared-body.ts';
export type { ChunkSource, RawBodyReader, ReleaseHandle } from './response-body.ts';
export { resolveTimeout } from './timeout/resolve-timeout.ts';
export { Timeout, type TimeoutOptions } from './timeout/timeout.ts';
export { TimeoutStateError } from './timeout/timeout-state-error.ts';
