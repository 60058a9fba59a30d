export {
  type CertificateFiles,
  type ClientCertificateFiles,
  generateTestCertificates,
  type TestCertificates,
} from './certs.ts';
export { forceGc } from './force-gc.ts';
export {
  createMemoryTransport,
  type MemoryHandler,
  type MemoryRequest,
  type MemoryResponse,
  type MemoryTransport,
} from './memory-transport.ts';
export {
  PATTERN_ALPHABET,
  patternBlock,
  patternBytes,
  patternSlice,
  seededBytes,
} from './patterns.ts';
export {
  type ConnectProxy,
  type ConnectProxyFault,
  type ConnectProxyOptions,
  type ProxyRequestRecord,
  startConnectProxy,
} from './proxies/connect-proxy.ts';
export { findExecutable, freePort, MissingServerError } from './proxies/external-process.ts';
export { hasSquid, type Squid, type SquidOptions, startSquid } from './proxies/squid.ts';
export { hasTinyproxy, startTinyproxy, type Tinyproxy } from './proxies/tinyproxy.ts';
export {
  createRawConnection,
  RAW_CONNECTION_CLOSED,
  type RawConnection,
} from './raw-connection.ts';
export { findRequestEnd } from './raw-request-end.ts';
export {
  type RawHandler,
  type RawServer,
  type RawServerOptions,
  startRawServer,
} from './raw-server.ts';
export { SAMPLE_JSON, SAMPLE_TEXT } from './routes/content.ts';
export { type RawResponse, respondWith, serveBytes, serveBytesThenClose } from './serve-bytes.ts';
export {
  defineServerSet,
  type ServerSet,
  type ServerSetControl,
  type ServerStarters,
  type SetMember,
  serverTls,
  startHttpsServer,
} from './server-set.ts';
export { type DanteOptions, type DanteServer, startDante } from './socks/dante.ts';
export { type MicrosocksServer, startMicrosocks } from './socks/microsocks.ts';
export type { SocksConnectRequest, SocksStage } from './socks/socks-handshake.ts';
export {
  type SocksServer,
  type SocksServerOptions,
  type SocksServerRequest,
  startSocksServer,
} from './socks/socks-server.ts';
export {
  startTestServer,
  type TestServer,
  type TestServerOptions,
  type TestServerTlsOptions,
} from './test-server.ts';
export type { RecordedRequest } from './types.ts';
export { startUnacceptingListener, type UnacceptingListener } from './unaccepting-listener.ts';
