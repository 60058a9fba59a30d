import { isIP } from 'node:net';
import type { PeerCertificate } from 'node:tls';
import { SSLError } from '@urlpool/core';

// node:tls is loaded on first use (process.getBuiltinModule), not at import: node:tls and
// node:crypto cost ~6 ms of `import('urlpool')` and plain HTTP never needs them (issue 15).

/**
 * Normalises a host for certificate and SNI use: strips IPv6 brackets and any zone id
 * (`fe80::1%eth0`), which certificates never carry, and the trailing dot of a fully qualified
 * name (`example.com.`), as urllib3 does before SNI and the name check.
 */
export function normalizeTlsHost(host: string): string {
  let h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const zone = h.indexOf('%');
  if (zone !== -1 && isIP(h.slice(0, zone)) === 6) h = h.slice(0, zone);
  const bare = h.replace(/\.+$/, '');
  return bare === '' ? h : bare;
}

/** True when `host` is an IPv4 or IPv6 literal (no SNI may be sent for those, RFC 6066 §3). */
export function isIpLiteral(host: string): boolean {
  return isIP(normalizeTlsHost(host)) !== 0;
}

/** A DNS or IP entry in a certificate's `subjectaltname` string. */
const SAN_NAME = /(?:^|, )(?:DNS|IP Address):/;

/**
 * Checks that `cert` is valid for `hostname` (DNS names with wildcards, or IP addresses against
 * IP SANs), as urllib3's `match_hostname`. The subject's common name is never used: a
 * certificate without DNS or IP SAN matches no name.
 *
 * @throws SSLError `hostname '<name>' doesn't match the certificate …` with Node's error as cause.
 */
export function verifyServerIdentity(hostname: string, cert: PeerCertificate): void {
  const name = normalizeTlsHost(hostname);
  // Node falls back to the subject's common name when a certificate has no DNS or IP SAN;
  // urllib3 (like browsers and RFC 6125) never matches the common name.
  if (!SAN_NAME.test(cert.subjectaltname ?? '')) {
    throw new SSLError(
      `hostname '${name}' doesn't match the certificate: no appropriate subjectAltName fields ` +
        `were found (CN=${cert.subject?.CN ?? '?'} is not used)`,
      { cause: new Error(`Certificate has no DNS or IP subjectAltName to match '${name}'`) },
    );
  }
  const error = process.getBuiltinModule('node:tls').checkServerIdentity(name, cert);
  if (error === undefined) return;
  const names = cert.subjectaltname ?? `CN=${cert.subject?.CN ?? '?'}`;
  throw new SSLError(`hostname '${name}' doesn't match the certificate (${names})`, {
    cause: error,
  });
}
