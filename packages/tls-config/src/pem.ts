// node:crypto is loaded on first use (process.getBuiltinModule), not at import: node:tls and

// node:crypto cost ~6 ms of `import('urlpool')` and plain HTTP never needs them (issue 15).

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every PEM certificate block in `text`, or an empty array. */
export function pemCertificates(text: string): string[] {
  return text.match(PEM_CERT) ?? [];
}

/**
 * Certificates from file or option contents: PEM text (one or more blocks) or a single DER
 * certificate. Returns an empty array when `data` holds neither.
 */
export function certificatesFrom(data: string | Uint8Array): string[] {
  if (typeof data === 'string') return pemCertificates(data);
  const buffer = Buffer.isBuffer(data)
    ? data
    : Buffer.from(data.buffer, data.byteOffset, data.length);
  const asText = buffer.toString('latin1');
  if (asText.includes('-----BEGIN')) return pemCertificates(asText);
  try {
    return [new (process.getBuiltinModule('node:crypto').X509Certificate)(buffer).toString()];
  } catch {
    return [];
  }
}

/** True when a PEM private key is encrypted (PKCS#8 or legacy OpenSSL `Proc-Type` header). */
export function isEncryptedPemKey(pem: string): boolean {
  return (
    pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || pem.includes('Proc-Type: 4,ENCRYPTED')
  );
}

/** True when `pem` holds a private key block of any kind. */
export function hasPemPrivateKey(pem: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem);
}
