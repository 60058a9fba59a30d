import type { TLSSocket } from 'node:tls';
import { SSLError } from '@urlpool/core';
import { checkFingerprint } from './fingerprint.ts';
import type { ResolvedTlsOptions } from './resolve-tls-options.ts';
import { verifyServerIdentity } from './server-identity.ts';
import { tlsErrorLocation } from './tls-errors.ts';

/**
 * Applies urllib3's post-handshake checks to a connected TLS socket (the chain itself was
 * verified during the handshake when `tls.verify`):
 * - with a fingerprint pin, the certificate must match it, and the name is not checked
 *   (a matching pin passes even with `CERT_NONE` or a name mismatch);
 * - otherwise, when verifying and `assertHostname !== false`, the certificate must match
 *   `assertHostname || serverHostname || host`.
 *
 * @returns whether the connection counts as verified (false only for `CERT_NONE` without pin,
 *   the case that deserves an `InsecureRequestWarning`).
 * @throws SSLError naming the host and port and the reason.
 */
export function verifyTlsPeer(
  tls: ResolvedTlsOptions,
  socket: TLSSocket,
  host: string,
  port: number,
): boolean {
  try {
    if (tls.fingerprint !== undefined) {
      const cert = socket.getPeerCertificate();
      if (cert?.raw === undefined) {
        throw new SSLError('No certificate was presented to check the fingerprint against');
      }
      checkFingerprint(cert.raw, tls.fingerprint);
      return true;
    }
    if (!tls.verify) return false;
    if (tls.assertHostname !== false) {
      verifyServerIdentity(
        tls.assertHostname || tls.serverHostname || host,
        socket.getPeerCertificate(),
      );
    }
    return true;
  } catch (error) {
    const reason = error as SSLError;
    throw new SSLError(reason.message + tlsErrorLocation(host, port), {
      cause: reason.cause ?? reason,
    });
  }
}
