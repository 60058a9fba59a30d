import { isTlsOptionName, TLS_OPTION_NAMES } from '@urlpool/core';
import type { TlsOptions } from './tls-options.ts';

/** TLS versions in order, oldest first. */
const VERSION_ORDER: readonly string[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const VERSIONS: ReadonlySet<string> = new Set(VERSION_ORDER);
const STRING_OPTIONS = [
  'caCerts',
  'caCertDir',
  'certFile',
  'keyFile',
  'keyPassword',
  'ciphers',
  'serverHostname',
  'assertFingerprint',
] as const;
/** Options a prepared `sslContext` already contains. */
const CONTEXT_OPTIONS = [
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
] as const;

function fail(message: string): never {
  throw new TypeError(message);
}

/** Position of a TLS version, for min/max comparisons. */
export function versionRank(version: string): number {
  return VERSION_ORDER.indexOf(version);
}

/**
 * Checks option names and types; a mistake is a programming error, so it throws `TypeError`
 * with the option's name and what to pass instead.
 */
export function validateTlsOptions(options: TlsOptions): void {
  if (options === null || typeof options !== 'object') fail('TLS options must be an object');
  const record = options as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!isTlsOptionName(name)) {
      fail(`Unknown TLS option '${name}'. Known options: ${TLS_OPTION_NAMES.join(', ')}`);
    }
  }
  const { certReqs, caCertData, useSystemCa, assertHostname, sslContext, alpnProtocols } = options;
  if (certReqs !== undefined && certReqs !== 'CERT_REQUIRED' && certReqs !== 'CERT_NONE') {
    fail(`certReqs must be 'CERT_REQUIRED' or 'CERT_NONE', got ${String(certReqs)}`);
  }
  for (const name of STRING_OPTIONS) {
    const value = record[name];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      fail(`TLS option ${name} must be a non-empty string, got ${describe(value)}`);
    }
  }
  for (const name of ['sslMinimumVersion', 'sslMaximumVersion'] as const) {
    const value = record[name];
    if (value !== undefined && !VERSIONS.has(value as string)) {
      fail(`${name} must be one of ${[...VERSIONS].join(', ')}, got ${describe(value)}`);
    }
  }
  if (
    caCertData !== undefined &&
    typeof caCertData !== 'string' &&
    !(caCertData instanceof Uint8Array)
  ) {
    fail(`caCertData must be a PEM string or DER bytes, got ${describe(caCertData)}`);
  }
  if (useSystemCa !== undefined && typeof useSystemCa !== 'boolean') {
    fail(`useSystemCa must be a boolean, got ${describe(useSystemCa)}`);
  }
  if (
    assertHostname !== undefined &&
    assertHostname !== false &&
    typeof assertHostname !== 'string'
  ) {
    fail(`assertHostname must be a string or false, got ${describe(assertHostname)}`);
  }
  if (alpnProtocols !== undefined) {
    if (!Array.isArray(alpnProtocols)) fail('alpnProtocols must be an array of strings');
    for (const p of alpnProtocols) {
      if (typeof p !== 'string' || p === '' || Buffer.byteLength(p) > 255) {
        fail(`alpnProtocols entries must be strings of 1 to 255 bytes, got ${describe(p)}`);
      }
    }
  }
  if (sslContext !== undefined) {
    if (sslContext === null || typeof sslContext !== 'object' || !('context' in sslContext)) {
      fail('sslContext must be a tls.SecureContext made by tls.createSecureContext()');
    }
    const clash = CONTEXT_OPTIONS.filter((name) => record[name] !== undefined);
    if (clash.length > 0) {
      fail(
        `sslContext cannot be combined with ${clash.join(', ')}: put them into the context ` +
          'with tls.createSecureContext() instead',
      );
    }
  }
  if (options.keyFile !== undefined && options.certFile === undefined) {
    fail('keyFile needs certFile (the client certificate)');
  }
  if (options.keyPassword !== undefined && options.certFile === undefined) {
    fail('keyPassword needs certFile (and keyFile when the key is a separate file)');
  }
  const { sslMinimumVersion: min, sslMaximumVersion: max } = options;
  if (min !== undefined && max !== undefined && versionRank(min) > versionRank(max)) {
    fail(`sslMinimumVersion ${min} is above sslMaximumVersion ${max}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object'
    ? `an object (${value.constructor?.name ?? 'Object'})`
    : String(value);
}
