import { SSLError } from '@urlpool/core';
import { certificatesFrom } from './pem.ts';
import { readTlsDir, readTlsFile } from './read-tls-file.ts';
import { systemCaCertificates } from './system-ca.ts';
import type { TlsOptions } from './tls-options.ts';

/**
 * Collects the trusted CA certificates (PEM) named by `caCerts`, `caCertDir`, `caCertData` and
 * `useSystemCa`, reading each file once. Returns undefined when none is set, which means
 * "Node.js's bundled roots" (urllib3's certifi default).
 *
 * @throws SSLError naming the option and path that could not be used.
 */
export function loadTrustedCas(options: TlsOptions): string[] | undefined {
  const { caCerts, caCertDir, caCertData, useSystemCa } = options;
  if (
    caCerts === undefined &&
    caCertDir === undefined &&
    caCertData === undefined &&
    !useSystemCa
  ) {
    return undefined;
  }
  const cas: string[] = [];
  if (caCerts !== undefined) {
    const found = certificatesFrom(readTlsFile('caCerts', caCerts));
    if (found.length === 0) {
      throw new SSLError(`caCerts '${caCerts}' holds no PEM or DER certificate`);
    }
    cas.push(...found);
  }
  if (caCertDir !== undefined) {
    const found = readTlsDir('caCertDir', caCertDir).flatMap((file) => certificatesFrom(file));
    if (found.length === 0) {
      throw new SSLError(`caCertDir '${caCertDir}' holds no PEM certificate files`);
    }
    cas.push(...found);
  }
  if (caCertData !== undefined) {
    const found = certificatesFrom(caCertData);
    if (found.length === 0) {
      throw new SSLError('caCertData holds no PEM certificate and is not a DER certificate');
    }
    cas.push(...found);
  }
  if (useSystemCa) cas.push(...systemCaCertificates());
  return cas;
}
