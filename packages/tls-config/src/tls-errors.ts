import { SSLError } from '@urlpool/core';

/**
 * OpenSSL's X509 verification results as Node.js reports them in `error.code`: a handshake
 * error with one of these codes is a certificate verification failure.
 */
const VERIFY_ERROR_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/** Where a TLS error happened, appended to messages: ` (connecting to host:port)`. */
export function tlsErrorLocation(host: string, port: number): string {
  return ` (connecting to ${host.includes(':') ? `[${host}]` : host}:${port})`;
}

/**
 * Maps an error raised during a TLS handshake to `SSLError`, naming the host and the reason
 * (`certificate verify failed: <reason>` for chain failures), with the original as `cause`.
 * An `SSLError` that already names the host is returned as is.
 */
export function toSslError(error: unknown, host: string, port: number): SSLError {
  const where = tlsErrorLocation(host, port);
  if (error instanceof SSLError) {
    return error.message.endsWith(where)
      ? error
      : new SSLError(error.message + where, { cause: error.cause ?? error });
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== undefined && VERIFY_ERROR_CODES.has(code)) {
    return new SSLError(`certificate verify failed: ${err.message}${where}`, { cause: err });
  }
  return new SSLError(`TLS handshake failed: ${err.message}${where}`, { cause: err });
}
