export {
  bytesView,
  concatBytes,
  EMPTY_BYTES,
  isBytes,
  latin1Bytes,
  latin1Text,
  utf8Bytes,
  utf8Length,
} from '#platform/bytes';
export {
  type ConnectionConnectedMessage,
  type ConnectionConnectMessage,
  type ConnectionErrorMessage,
  connectionConnectChannel,
  connectionConnectedChannel,
  connectionErrorChannel,
  isRequestTraced,
  type RequestCreateMessage,
  type RequestEndMessage,
  type RequestErrorMessage,
  type RequestHeadersMessage,
  type RequestTimings,
  requestCreateChannel,
  requestEndChannel,
  requestErrorChannel,
  requestHeadersChannel,
} from './diagnostics/channels.ts';
export { abortError, rejectWithAbortError } from './dispatch/abort-error.ts';
export {
  assertBodyCanBeSent,
  isReplayableBody,
  markBodySent,
} from './dispatch/body-replay.ts';
export {
  compose,
  type Dispatch,
  type DispatchOptions,
  type DispatchRequest,
  type DispatchResponse,
  type Interceptor,
} from './dispatch/dispatch.ts';
export {
  createRedirectInterceptor,
  createRedirectRetryInterceptor,
  type RedirectInterceptorOptions,
} from './dispatch/redirect-interceptor.ts';
export {
  createRetryInterceptor,
  isRetriableError,
  type RetryInterceptorOptions,
} from './dispatch/retry-interceptor.ts';
export { ContentLengthMismatchError } from './errors/content-length-mismatch-error.ts';
export { brandErrorClass, HTTPError, type HTTPErrorOptions } from './errors/http-error.ts';
export { InvalidMethodError } from './errors/invalid-method-error.ts';
export {
  LocationParseError,
  LocationValueError,
  ProxySchemeUnknown,
  URLSchemeUnknown,
} from './errors/location-errors.ts';
export {
  assignErrorPool,
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
export { RetryAfterMaxExceededError } from './errors/retry-after-max-exceeded-error.ts';
export {
  ConnectTimeoutError,
  isTimeoutError,
  NameResolutionError,
  NewConnectionError,
  ReadTimeoutError,
  TimeoutError,
} from './errors/timeout-errors.ts';
export {
  BODY_HEADERS,
  filterHeaders,
  withBodyContentType,
  withoutBodyHeaders,
} from './headers/filter-headers.ts';
export { forEachHeader } from './headers/for-each-header.ts';
export {
  type HeaderAddOptions,
  type HeadersInit,
  HTTPHeaderDict,
} from './headers/http-header-dict.ts';
export { type MakeHeadersOptions, makeHeaders } from './headers/make-headers.ts';
export {
  checkRequestFraming,
  framingConflict,
  NO_HEADERS,
  PreparedHeaders,
  prepareHeaders,
} from './headers/prepared-headers.ts';
export { SKIP_HEADER, SKIPPABLE_HEADERS } from './headers/skip-header.ts';
export { supportedContentEncodings } from './headers/supported-encodings.ts';
export { trimOws } from './headers/trim-ows.ts';
export { basicCredentialsFromUserinfo, withUrlCredentials } from './headers/url-credentials.ts';
export { DEFAULT_USER_AGENT } from './headers/user-agent.ts';
export {
  describeChar,
  findInvalidFieldValueChar,
  isToken,
  validateHeaderName,
  validateHeaders,
  validateHeaderValue,
} from './headers/validate-header.ts';
export { EMPTY_BODY, type PreparedBody } from './prepared-body.ts';
export {
  type Progress,
  type ProgressListener,
  withDownloadProgress,
  withUploadProgress,
} from './progress.ts';
export { checkBodyLength, parseRequestContentLength } from './request/check-body-length.ts';
export {
  type EncodedRequest,
  type EncodeRequestOptions,
  encodeRequest,
} from './request/encode-request.ts';
export { guessContentType } from './request/mime-types.ts';
export {
  chooseBoundary,
  encodeMultipartFormdata,
  type MultipartBody,
} from './request/multipart.ts';
export {
  encodeMultipartStream,
  type StreamingMultipartBody,
} from './request/multipart-stream.ts';
export { normalizeMethod, validateMethod } from './request/normalize-method.ts';
export { prepareBody, type RequestBody } from './request/prepare-body.ts';
export {
  type FieldData,
  type Fields,
  type FieldValue,
  formatMultipartHeaderParam,
  type MakeMultipartOptions,
  RequestField,
  type RequestFieldOptions,
  type StreamingFieldData,
} from './request/request-field.ts';
export { urlencode } from './request/urlencode.ts';
export type { ChunkSource, RawBodyReader, ReleaseHandle } from './response-body.ts';
export {
  isConnectionError,
  isReadError,
} from './retry/classify-error.ts';
export { parseHttpDate } from './retry/http-date.ts';
export type { RequestHistory } from './retry/request-history.ts';
export {
  Retry,
  type RetryIncrementParams,
  type RetrySleepOptions,
} from './retry/retry.ts';
export type { RetryCount, RetryOptions } from './retry/retry-options.ts';
export type { RetryResponse } from './retry/retry-response.ts';
export { resolveTimeout } from './timeout/resolve-timeout.ts';
export { Timeout, type TimeoutInput, type TimeoutOptions } from './timeout/timeout.ts';
export { TimeoutStateError } from './timeout/timeout-state-error.ts';
export {
  clearFastTimeout,
  FAST_TIMER_THRESHOLD,
  FAST_TIMER_TICK,
  FastTimer,
  setFastTimeout,
} from './timers/fast-timers.ts';
export {
  isTlsOptionName,
  TLS_OPTION_NAMES,
  type TlsOptionName,
} from './tls/tls-option-names.ts';
export type {
  Connection,
  ConnectionContext,
  ConnectionFactory,
  ConnectionRequest,
  ConnectionResponse,
  RequestTargetForm,
} from './transport/connection.ts';
export type {
  ConnectedSocket,
  Connector,
  ConnectRequest,
  ConnectTimings,
  SocketOptions,
} from './transport/connector.ts';
export { unknownOptionError } from './unknown-option.ts';
export { DEFAULT_PORTS } from './url/default-ports.ts';
export { encodeRequestTarget } from './url/encode-request-target.ts';
export { formatAuthority, formatHost, toOriginHost } from './url/format-authority.ts';
export { getHost } from './url/get-host.ts';
export { parseUrl } from './url/parse-url.ts';
export { resolveRedirectLocation } from './url/resolve-redirect-location.ts';
export { Url, type UrlParts } from './url/url.ts';
export { type UrlInput, urlToString } from './url/url-input.ts';
export { validateRequestTarget } from './url/validate-request-target.ts';
export { VERSION } from './version.ts';
