import type { Duplex } from 'node:stream';
import { type PeerCertificate, TLSSocket } from 'node:tls';

/** What `-v` shows about a TLS connection. */
export interface TlsDetails {
  /** `'TLSv1.3'`. */
  readonly protocol: string | null;
  /** OpenSSL's and the standard cipher name. */
  readonly cipher: { readonly name: string; readonly standardName: string } | null;
  /** ALPN protocol, or false. */
  readonly alpn: string | false;
  /** Peer certificate subject, issuer, validity and sha256 fingerprint; null when none. */
  readonly peer: {
    readonly subject: string;
    readonly issuer: string;
    readonly validFrom: string;
    readonly validTo: string;
    readonly subjectAltName: string | undefined;
    readonly fingerprint256: string;
  } | null;
  /** Whether the chain verified (false with --insecure or a pin alone). */
  readonly authorized: boolean;
  readonly authorizationError: string | null;
}

function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (name === undefined) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

/** The TLS facts of a connected socket, or null when it is not TLS. */
export function tlsDetails(socket: Duplex): TlsDetails | null {
  if (!(socket instanceof TLSSocket)) return null;
  const cipher = socket.getCipher();
  const cert = socket.getPeerCertificate(false);
  const hasCert = cert !== null && typeof cert === 'object' && Object.keys(cert).length > 0;
  const error = socket.authorizationError as Error | string | null | undefined;
  return {
    protocol: socket.getProtocol(),
    cipher: cipher === undefined ? null : { name: cipher.name, standardName: cipher.standardName },
    alpn: socket.alpnProtocol ?? false,
    peer: hasCert
      ? {
          subject: distinguishedName(cert.subject),
          issuer: distinguishedName(cert.issuer),
          validFrom: cert.valid_from,
          validTo: cert.valid_to,
          subjectAltName: cert.subjectaltname,
          fingerprint256: cert.fingerprint256,
        }
      : null,
    authorized: socket.authorized,
    authorizationError: error == null ? null : typeof error === 'string' ? error : error.message,
  };
}

/** `* TLS ...` lines for `-v`. */
export function tlsDetailLines(details: TlsDetails): string[] {
  const lines = [
    `* TLS: ${details.protocol ?? 'unknown protocol'}, cipher ${details.cipher?.standardName ?? details.cipher?.name ?? 'unknown'}${details.alpn === false ? '' : `, ALPN ${details.alpn}`}`,
  ];
  const peer = details.peer;
  if (peer === null) lines.push('* Server certificate: none');
  else {
    lines.push(`* Server certificate: subject ${peer.subject}`);
    lines.push(`*   issuer ${peer.issuer}`);
    if (peer.subjectAltName !== undefined) lines.push(`*   subjectAltName ${peer.subjectAltName}`);
    lines.push(`*   valid ${peer.validFrom} to ${peer.validTo}`);
    lines.push(`*   sha256 ${peer.fingerprint256}`);
  }
  lines.push(
    details.authorized
      ? '* Certificate chain verified'
      : `* Certificate chain NOT verified${details.authorizationError === null ? '' : ` (${details.authorizationError})`}`,
  );
  return lines;
}

const HEAD_END = '\r\n\r\n';

/**
 * Calls `onHead` with each request head written to `socket` (the bytes up to the empty line,
 * as sent), for `-v`'s `> ` lines. The connection writes a head as the first write of each
 * request; `nextRequest()` re-arms the capture once a response head arrived.
 */
export function observeRequestHeads(
  socket: Duplex,
  onHead: (head: string) => void,
): { nextRequest(): void } {
  let armed = true;
  let pending = '';
  const write = socket.write;
  // Wrapping this one socket's write (the CLI's own connection, -v only) is the way to see the
  // exact bytes the library rendered without the library logging anything itself.
  socket.write = function (this: Duplex, chunk: unknown, ...rest: unknown[]): boolean {
    if (armed) {
      const text =
        typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('latin1');
      pending += text;
      const end = pending.indexOf(HEAD_END);
      if (end >= 0) {
        armed = false;
        onHead(pending.slice(0, end));
        pending = '';
      }
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Duplex['write'];
  return {
    nextRequest() {
      armed = true;
      pending = '';
    },
  };
}
