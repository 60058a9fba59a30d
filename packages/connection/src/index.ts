export { type BodyFlowControl, BodyReader } from './body-reader.ts';
export {
  createHTTPConnectionFactory,
  HTTPConnection,
  type HTTPConnectionOptions,
  type ResponseHead,
} from './http-connection.ts';
export { type ParsedHead, parseHead } from './parse-head.ts';
export { type RenderedHead, renderRequestHead } from './request-head.ts';
export { DEFAULT_RESPONSE_LIMITS, type ResponseLimits } from './response-limits.ts';
export { type ParserSink, ResponseParser } from './response-parser.ts';
export {
  connectTcp,
  createTcpConnector,
  type TcpConnectorOptions,
} from './tcp-connector.ts';
export { createTlsConnector } from './tls-connector.ts';
export { type TlsSessionCache, tlsHandshake } from './tls-handshake.ts';
export { writeRequest } from './write-request.ts';
