export {
  type CertificateFiles,
  type ClientCertificateFiles,
  generateTestCertificates,
  type TestCertificates,
} from './certs.ts';
export { PATTERN_ALPHABET, patternBytes, seededBytes } from './patterns.ts';
export { SAMPLE_JSON, SAMPLE_TEXT } from './routes/content.ts';
export {
  startTestServer,
  type TestServer,
  type TestServerOptions,
  type TestServerTlsOptions,
} from './test-server.ts';
export type { RecordedRequest } from './types.ts';
