import { SSLError } from '@urlpool/core';
import { pemCertificates } from './pem.ts';
import { readTlsFile } from './read-tls-file.ts';

// node:tls is loaded on first use (process.getBuiltinModule), not at import: node:tls and
// node:crypto cost ~6 ms of `import('urlpool')` and plain HTTP never needs them (issue 15).

/** Where Linux distributions keep their CA bundle (the list Go's crypto/x509 also searches). */
export const SYSTEM_CA_BUNDLE_PATHS: readonly string[] = Object.freeze([
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Gentoo, Arch
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL 6
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // CentOS, RHEL 7
  '/etc/ssl/cert.pem', // Alpine, BSDs
]);

type GetCaCertificates = (type: 'system') => string[];

let cached: readonly string[] | undefined;

/**
 * The operating system's trusted CA certificates as PEM strings, read once per process.
 * Uses `tls.getCACertificates('system')` when this Node.js has it; otherwise `SSL_CERT_FILE`
 * or the first Linux bundle in {@link SYSTEM_CA_BUNDLE_PATHS} that exists.
 *
 * @throws SSLError when no system store can be found.
 */
export function systemCaCertificates(): readonly string[] {
  if (cached !== undefined) return cached;
  const getCaCertificates = (
    process.getBuiltinModule('node:tls') as unknown as { getCACertificates?: GetCaCertificates }
  ).getCACertificates;
  if (typeof getCaCertificates === 'function') {
    cached = Object.freeze(getCaCertificates('system'));
    return cached;
  }
  const fromEnv = process.env.SSL_CERT_FILE;
  const candidates = fromEnv ? [fromEnv, ...SYSTEM_CA_BUNDLE_PATHS] : SYSTEM_CA_BUNDLE_PATHS;
  for (const path of candidates) {
    let text: string;
    try {
      text = readTlsFile('useSystemCa', path).toString('latin1');
    } catch {
      continue;
    }
    const certs = pemCertificates(text);
    if (certs.length > 0) {
      cached = Object.freeze(certs);
      return cached;
    }
  }
  throw new SSLError(
    `useSystemCa: no system CA bundle found (looked in ${candidates.join(', ')}). ` +
      'Set SSL_CERT_FILE, pass caCerts, or use a Node.js version with tls.getCACertificates().',
  );
}
