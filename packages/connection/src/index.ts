export {
  createHTTPConnectionFactory,
  HTTPConnection,
  type HTTPConnectionOptions,
  type ResponseHead,
} from './http-connection.ts';
export { DEFAULT_RESPONSE_LIMITS, type ResponseLimits } from './response-limits.ts';
export {
  connectTcp,
  createTcpConnector,
  type TcpConnectorOptions,
} from './tcp-connector.ts';
export { createTlsConnector } from './tls-connector.ts';
