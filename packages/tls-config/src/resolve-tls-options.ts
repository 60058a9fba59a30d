import type { ConnectionOptions, SecureContext } from 'node:tls';
import { SSLError } from '@urlpool/core';
import { loadClientCertificate } from './client-certificate.ts';
import { type Fingerprint, parseFingerprint } from './fingerprint.ts';
import {
  DEFAULT_ALPN_PROTOCOLS,
  DEFAULT_SSL_MINIMUM_VERSION,
  type TlsOptions,
  type TlsVersion,
} from './tls-options.ts';
import { tlsOptionsKey } from './tls-options-key.ts';
import { loadTrustedCas } from './trusted-cas.ts';
import { validateTlsOptions } from './validate-tls-options.ts';

// node:tls is loaded on first use (process.getBuiltinModule), not at import: node:tls and
// node:crypto cost ~6 ms of `import('urlpool')` and plain HTTP never needs them (issue 15).

/** TLS options after {@link resolveTlsOptions}: validated, files read, context built. */
export interface ResolvedTlsOptions {
  /** Verify the certificate chain (`certReqs: 'CERT_REQUIRED'`). */
  readonly verify: boolean;
  /** The context every connection uses (built once, or the caller's `sslContext`). */
  readonly secureContext: SecureContext;
  /** SNI and verified name override, lowercased; undefined = the host connected to. */
  readonly serverHostname: string | undefined;
  /** Name to check instead, or false to skip the name check. */
  readonly assertHostname: string | false | undefined;
  /** Certificate pin; when set it replaces the name check. */
  readonly fingerprint: Fingerprint | undefined;
  /** ALPN protocols offered (empty = no ALPN). */
  readonly alpnProtocols: readonly string[];
  /** Lowest TLS version (undefined when a caller's `sslContext` decides). */
  readonly minVersion: TlsVersion | undefined;
  /** Highest TLS version (undefined = Node.js's highest, or the `sslContext`'s). */
  readonly maxVersion: TlsVersion | undefined;
  /** Where TLS secrets are appended (`SSLKEYLOGFILE` when resolved), or undefined. */
  readonly keyLogFile: string | undefined;
  /**
   * `tls.connect` options shared by every connection (the per-connection `socket`, `servername`
   * and `session` are added by the connector). Built once so connecting copies one object.
   */
  readonly connectOptions: Readonly<ConnectionOptions>;
  /** Stable key of the options (see `tlsOptionsKey`). */
  readonly key: string;
}

// Node's own name check runs inside the handshake and cannot be overridden by a fingerprint
// pin; urlpool checks names itself after the handshake (see `verifyTlsPeer`).
const SKIP_NODE_IDENTITY_CHECK = (): undefined => undefined;

/**
 * Validates TLS options and prepares them once per pool: reads the CA, certificate and key
 * files, checks the key password, parses the fingerprint and builds the `tls.SecureContext`.
 * Reads `SSLKEYLOGFILE` from the environment.
 *
 * @throws TypeError for unknown option names or values of the wrong type.
 * @throws SSLError for unreadable or unusable files (naming the path), a missing or wrong key
 *   password, or an invalid fingerprint.
 * @example
 * ```ts
 * const tls = resolveTlsOptions({ caCerts: '/etc/my-ca.pem', assertHostname: 'api.internal' });
 * ```
 */
export function resolveTlsOptions(options: TlsOptions = {}): ResolvedTlsOptions {
  validateTlsOptions(options);
  const verify = options.certReqs !== 'CERT_NONE';
  const fingerprint =
    options.assertFingerprint === undefined
      ? undefined
      : parseFingerprint(options.assertFingerprint);
  const alpnProtocols = Object.freeze([...(options.alpnProtocols ?? DEFAULT_ALPN_PROTOCOLS)]);
  const custom = options.sslContext;
  const minVersion = custom
    ? undefined
    : (options.sslMinimumVersion ?? DEFAULT_SSL_MINIMUM_VERSION);
  const maxVersion = custom ? undefined : options.sslMaximumVersion;
  const secureContext = custom ?? buildSecureContext(options, minVersion, maxVersion);
  const connectOptions: ConnectionOptions = {
    secureContext,
    rejectUnauthorized: verify,
    checkServerIdentity: SKIP_NODE_IDENTITY_CHECK,
  };
  if (alpnProtocols.length > 0) connectOptions.ALPNProtocols = [...alpnProtocols];
  const keyLogFile = process.env.SSLKEYLOGFILE;
  return Object.freeze({
    verify,
    secureContext,
    serverHostname: options.serverHostname?.toLowerCase(),
    assertHostname: options.assertHostname,
    fingerprint,
    alpnProtocols,
    minVersion,
    maxVersion,
    keyLogFile: keyLogFile === undefined || keyLogFile === '' ? undefined : keyLogFile,
    connectOptions: Object.freeze(connectOptions),
    key: tlsOptionsKey(options),
  });
}

function buildSecureContext(
  options: TlsOptions,
  minVersion: TlsVersion | undefined,
  maxVersion: TlsVersion | undefined,
): SecureContext {
  const ca = loadTrustedCas(options);
  const client =
    options.certFile === undefined
      ? undefined
      : loadClientCertificate(options.certFile, options.keyFile, options.keyPassword);
  try {
    return process.getBuiltinModule('node:tls').createSecureContext({
      ...(ca === undefined ? {} : { ca }),
      ...(client === undefined
        ? {}
        : {
            cert: client.cert,
            key: client.key,
            ...(client.passphrase === undefined ? {} : { passphrase: client.passphrase }),
          }),
      ...(minVersion === undefined ? {} : { minVersion }),
      ...(maxVersion === undefined ? {} : { maxVersion }),
      ...(options.ciphers === undefined ? {} : { ciphers: options.ciphers }),
    });
  } catch (error) {
    const files = [options.certFile, options.keyFile].filter((f) => f !== undefined);
    throw new SSLError(
      `Could not build the TLS context${files.length > 0 ? ` for ${files.join(' and ')}` : ''}: ` +
        (error as Error).message,
      { cause: error },
    );
  }
}
