export { type ClientCertificate, loadClientCertificate } from './client-certificate.ts';
export {
  checkFingerprint,
  type Fingerprint,
  type FingerprintAlgorithm,
  parseFingerprint,
} from './fingerprint.ts';
export { appendKeyLogLine } from './key-log.ts';
export { type ResolvedTlsOptions, resolveTlsOptions } from './resolve-tls-options.ts';
export { isIpLiteral, normalizeTlsHost, verifyServerIdentity } from './server-identity.ts';
export { type SplitTlsOptions, splitTlsOptions } from './split-tls-options.ts';
export { SYSTEM_CA_BUNDLE_PATHS, systemCaCertificates } from './system-ca.ts';
export { tlsErrorLocation, toSslError } from './tls-errors.ts';
export {
  type CertReqs,
  DEFAULT_ALPN_PROTOCOLS,
  DEFAULT_SSL_MINIMUM_VERSION,
  type TlsOptions,
  type TlsVersion,
} from './tls-options.ts';
export { tlsOptionsKey } from './tls-options-key.ts';
export { loadTrustedCas } from './trusted-cas.ts';
export { verifyTlsPeer } from './verify-tls-peer.ts';
