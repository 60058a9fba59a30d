import { SSLError } from '@urlpool/core';

// node:crypto is loaded on first use (process.getBuiltinModule), not at import: node:tls and
// node:crypto cost ~6 ms of `import('urlpool')` and plain HTTP never needs them (issue 15).

/** Hash algorithms a certificate pin may use, chosen by the pin's length as in urllib3. */
export type FingerprintAlgorithm = 'md5' | 'sha1' | 'sha256';

/** A parsed `assertFingerprint`. */
export interface Fingerprint {
  /** Hash algorithm, from the digest length. */
  readonly algorithm: FingerprintAlgorithm;
  /** The digest as lowercase hex without colons. */
  readonly hex: string;
  /** The digest bytes. */
  readonly digest: Buffer;
}

const ALGORITHM_BY_HEX_LENGTH: Readonly<Record<number, FingerprintAlgorithm>> = {
  32: 'md5',
  40: 'sha1',
  64: 'sha256',
};

/**
 * Parses a fingerprint: hex, case-insensitive, colons allowed; its length picks md5 (32), sha1
 * (40) or sha256 (64).
 *
 * @throws SSLError when the value is not hex or has another length.
 */
export function parseFingerprint(fingerprint: string | Fingerprint): Fingerprint {
  if (typeof fingerprint !== 'string') return fingerprint;
  const hex = fingerprint.replaceAll(':', '').toLowerCase();
  const algorithm = ALGORITHM_BY_HEX_LENGTH[hex.length];
  // urllib3's message, naming the fingerprint without colons.
  if (algorithm === undefined) {
    throw new SSLError(
      `Fingerprint of invalid length: ${hex} (expected md5, sha1 or sha256 as hex)`,
    );
  }
  if (!/^[0-9a-f]*$/.test(hex)) {
    throw new SSLError(`Fingerprint is not hexadecimal: ${fingerprint}`);
  }
  return { algorithm, hex, digest: Buffer.from(hex, 'hex') };
}

/**
 * Checks a certificate (DER bytes) against an expected fingerprint in constant time.
 *
 * @throws SSLError `Fingerprints did not match. Expected "…", got "…"` on mismatch.
 * @example
 * ```ts
 * checkFingerprint(tlsSocket.getPeerCertificate().raw, 'AB:CD:…');
 * ```
 */
export function checkFingerprint(certDer: Uint8Array, expected: string | Fingerprint): void {
  const pin = parseFingerprint(expected);
  const { createHash, timingSafeEqual } = process.getBuiltinModule('node:crypto');
  const actual = createHash(pin.algorithm).update(certDer).digest();
  // Same algorithm, so same length: timingSafeEqual cannot throw here.
  if (!timingSafeEqual(actual, pin.digest)) {
    throw new SSLError(
      `Fingerprints did not match. Expected "${pin.hex}", got "${actual.toString('hex')}"`,
    );
  }
}
