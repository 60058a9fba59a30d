import { SSLError } from '@urlpool/core';
import { hasPemPrivateKey, isEncryptedPemKey, pemCertificates } from './pem.ts';
import { readTlsFile } from './read-tls-file.ts';

// node:crypto is loaded on first use (process.getBuiltinModule), not at import: node:tls and
// node:crypto cost ~6 ms of `import('urlpool')` and plain HTTP never needs them (issue 15).

/** A client certificate chain and key, ready for `tls.createSecureContext`. */
export interface ClientCertificate {
  /** Certificate chain, PEM. */
  readonly cert: string;
  /** Private key, PEM (possibly encrypted). */
  readonly key: string;
  /** Password of {@link ClientCertificate.key}, when it is encrypted. */
  readonly passphrase: string | undefined;
}

/**
 * Reads `certFile` (and `keyFile`, else the key inside `certFile`) once and checks the key can
 * be used, so a wrong or missing password fails when the pool is made, not on the first request.
 *
 * @throws SSLError `Client private key is encrypted, password is required`, or naming the file.
 */
export function loadClientCertificate(
  certFile: string,
  keyFile: string | undefined,
  keyPassword: string | undefined,
): ClientCertificate {
  const certText = readTlsFile('certFile', certFile).toString('latin1');
  const cert = pemCertificates(certText).join('\n');
  if (cert === '') {
    throw new SSLError(`certFile '${certFile}' holds no PEM certificate`);
  }
  const keySource = keyFile ?? certFile;
  const key = keyFile === undefined ? certText : readTlsFile('keyFile', keyFile).toString('latin1');
  if (!hasPemPrivateKey(key)) {
    throw new SSLError(
      keyFile === undefined
        ? `certFile '${certFile}' holds no private key; pass keyFile as well`
        : `keyFile '${keyFile}' holds no PEM private key`,
    );
  }
  if (isEncryptedPemKey(key) && keyPassword === undefined) {
    throw new SSLError('Client private key is encrypted, password is required');
  }
  try {
    process
      .getBuiltinModule('node:crypto')
      .createPrivateKey(keyPassword === undefined ? key : { key, passphrase: keyPassword });
  } catch (error) {
    throw new SSLError(
      `Could not load the client private key from '${keySource}'` +
        (keyPassword === undefined ? '' : ' (is keyPassword right?)') +
        `: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { cert, key, passphrase: keyPassword };
}
