const NAMES = [
  'certReqs',
  'caCerts',
  'caCertDir',
  'caCertData',
  'useSystemCa',
  'certFile',
  'keyFile',
  'keyPassword',
  'sslMinimumVersion',
  'sslMaximumVersion',
  'ciphers',
  'serverHostname',
  'assertHostname',
  'assertFingerprint',
  'sslContext',
  'alpnProtocols',
] as const;

/** One key of {@link TLS_OPTION_NAMES}. */
export type TlsOptionName = (typeof NAMES)[number];

/**
 * Every TLS option key of HTTPS pools, `PoolManager` and proxies (`TlsOptions` in
 * `@urlpool/tls-config`, which checks at compile time that its interface has exactly these
 * keys). It lives in core, which loads no `node:` module, so node-free packages such as
 * `@urlpool/fetch-manager` use the same list as the HTTPS pools instead of a copy that drifts.
 *
 * @example
 * ```ts
 * import { isTlsOptionName, TLS_OPTION_NAMES } from '@urlpool/core';
 * const tlsKeys = Object.keys(options).filter(isTlsOptionName);
 * console.log(`TLS options: ${TLS_OPTION_NAMES.join(', ')}`);
 * ```
 */
export const TLS_OPTION_NAMES: readonly TlsOptionName[] = Object.freeze(NAMES);

const TLS_NAMES: ReadonlySet<string> = new Set(TLS_OPTION_NAMES);

/**
 * True when `name` is one of {@link TLS_OPTION_NAMES}: the one test of which option keys are
 * TLS options (TLS validation, splitting pool options, pool keys, FetchManager's ignored
 * options all use it).
 */
export function isTlsOptionName(name: string): name is TlsOptionName {
  return TLS_NAMES.has(name);
}
