import type { SecureContext, SecureVersion } from 'node:tls';

/** Certificate verification mode (urllib3's `cert_reqs`). */
export type CertReqs = 'CERT_REQUIRED' | 'CERT_NONE';

/** A TLS protocol version accepted by `sslMinimumVersion` / `sslMaximumVersion`. */
export type TlsVersion = SecureVersion;

/**
 * TLS options of `HTTPSConnectionPool`, `PoolManager` and proxies (urllib3's `ssl_*`, `ca_*`,
 * `cert_*`, `key_*`, `assert_*` keyword arguments). All optional; resolve them once per pool
 * with `resolveTlsOptions`. Its keys are exactly core's `TLS_OPTION_NAMES` (the type check of
 * this package's tests fails otherwise): add a new option in both places.
 */
export interface TlsOptions {
  /** Verify the server certificate chain (`'CERT_REQUIRED'`) or not (`'CERT_NONE'`). @default 'CERT_REQUIRED' */
  certReqs?: CertReqs | undefined;
  /** Path of a PEM (or DER) file of trusted CA certificates; replaces the bundled roots. @default undefined */
  caCerts?: string | undefined;
  /** Directory whose PEM files are all trusted CA certificates. @default undefined */
  caCertDir?: string | undefined;
  /** Trusted CA certificates as PEM text, or one certificate as DER bytes. @default undefined */
  caCertData?: string | Uint8Array | undefined;
  /**
   * Beyond urllib3: trust the operating system's CA store (read from the OS bundle on Linux, or
   * `tls.getCACertificates('system')` where Node.js has it). Combines with the `ca*` options.
   * @default false
   */
  useSystemCa?: boolean | undefined;
  /** Path of the client certificate (PEM), which may also hold the key. @default undefined */
  certFile?: string | undefined;
  /** Path of the client private key (PEM). @default undefined (the key is read from `certFile`) */
  keyFile?: string | undefined;
  /** Password of an encrypted client private key. @default undefined */
  keyPassword?: string | undefined;
  /** Lowest TLS version offered. @default 'TLSv1.2' */
  sslMinimumVersion?: TlsVersion | undefined;
  /** Highest TLS version offered. @default undefined (the highest Node.js supports, TLSv1.3) */
  sslMaximumVersion?: TlsVersion | undefined;
  /** OpenSSL cipher list (TLSv1.2 and below). @default undefined (Node.js defaults) */
  ciphers?: string | undefined;
  /** Name sent as SNI and checked against the certificate. @default the host connected to */
  serverHostname?: string | undefined;
  /** Name the certificate must match, or `false` to skip the name check. @default serverHostname */
  assertHostname?: string | false | undefined;
  /**
   * Expected certificate fingerprint: md5, sha1 or sha256 as hex (colons allowed). A matching
   * pin passes even with `certReqs: 'CERT_NONE'` or a name mismatch; a mismatch always fails.
   * @default undefined
   */
  assertFingerprint?: string | undefined;
  /**
   * A prepared `tls.SecureContext` (urllib3's `ssl_context`). Holds the CA, client certificate,
   * versions and ciphers, so it cannot be combined with those options.
   * @default undefined
   */
  sslContext?: SecureContext | undefined;
  /** ALPN protocols offered. @default ['http/1.1'] */
  alpnProtocols?: readonly string[] | undefined;
}

/** Default `sslMinimumVersion`. */
export const DEFAULT_SSL_MINIMUM_VERSION: TlsVersion = 'TLSv1.2';

/** Default `alpnProtocols`. */
export const DEFAULT_ALPN_PROTOCOLS: readonly string[] = Object.freeze(['http/1.1']);
