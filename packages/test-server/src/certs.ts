import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issue, newKey, openssl, selfSign } from './certs-openssl.ts';

/** A certificate and its private key, as file paths and PEM strings. */
export interface CertificateFiles {
  /** Path of the PEM certificate. */
  readonly certFile: string;
  /** Path of the PEM private key (unencrypted). */
  readonly keyFile: string;
  /** The certificate, PEM. */
  readonly cert: string;
  /** The private key, PEM. */
  readonly key: string;
}

/** A client certificate whose key also exists encrypted with {@link ClientCertificateFiles.keyPassword}. */
export interface ClientCertificateFiles extends CertificateFiles {
  /** Path of the same private key, encrypted (PKCS#8, AES-256). */
  readonly encryptedKeyFile: string;
  /** The encrypted private key, PEM. */
  readonly encryptedKey: string;
  /** Password of {@link ClientCertificateFiles.encryptedKeyFile}. */
  readonly keyPassword: string;
}

/** Everything {@link generateTestCertificates} creates. */
export interface TestCertificates {
  /** Directory holding all files. */
  readonly dir: string;
  /** The private test CA (self-signed). */
  readonly ca: CertificateFiles & {
    /** A directory that holds only the CA certificate (for `caCertDir`). */
    readonly certDir: string;
    /** The CA certificate, DER. */
    readonly certDer: Buffer;
  };
  /** Server certificate for `localhost`, `127.0.0.1` and `::1`, issued by the CA. */
  readonly server: CertificateFiles;
  /** Server certificate for `other.example` only, issued by the CA. */
  readonly otherServer: CertificateFiles;
  /** Client certificate (clientAuth), issued by the CA. */
  readonly client: ClientCertificateFiles;
  /** Self-signed certificate for `localhost`, `127.0.0.1`, `::1`, outside the CA. */
  readonly selfSigned: CertificateFiles;
}

const CLIENT_KEY_PASSWORD = 'urlpool-test-password';
const LOCAL_SAN = 'DNS:localhost,IP:127.0.0.1,IP:::1';

let cached: { dir: string; promise: Promise<TestCertificates> } | undefined;

/**
 * Generates a private CA and test certificates with the `openssl` CLI (certificates are made at
 * run time because committed ones expire). Without `dir`, the result is cached per process in
 * a temporary directory that is removed when the process exits.
 *
 * @param dir - Where to write the files. @default a fresh temporary directory, once per process
 * @example
 * ```ts
 * const certs = await generateTestCertificates();
 * const server = https.createServer({ cert: certs.server.cert, key: certs.server.key }, handler);
 * // client side: { caCerts: certs.ca.certFile }
 * ```
 */
export function generateTestCertificates(dir?: string): Promise<TestCertificates> {
  if (dir === undefined) {
    if (cached === undefined) {
      const tmp = mkdtempSync(join(tmpdir(), 'urlpool-certs-'));
      process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
      cached = { dir: tmp, promise: generate(tmp) };
      // A failed generation should not poison later calls.
      cached.promise.catch(() => {
        cached = undefined;
      });
    }
    return cached.promise;
  }
  mkdirSync(dir, { recursive: true });
  return generate(dir);
}

async function generate(dir: string): Promise<TestCertificates> {
  await Promise.all(
    ['ca.key', 'server.key', 'other.key', 'client.key', 'self.key'].map((k) => newKey(dir, k)),
  );
  await selfSign(dir, {
    keyFile: 'ca.key',
    certFile: 'ca.pem',
    subject: '/O=urlpool tests/CN=urlpool test CA',
    isCa: true,
  });
  const serverExts = ['basicConstraints=critical,CA:FALSE', 'extendedKeyUsage=serverAuth'];
  const ca = { caCert: 'ca.pem', caKey: 'ca.key' };
  await Promise.all([
    issue(dir, {
      ...ca,
      keyFile: 'server.key',
      certFile: 'server.pem',
      subject: '/CN=localhost',
      extensions: [...serverExts, `subjectAltName=${LOCAL_SAN}`],
    }),
    issue(dir, {
      ...ca,
      keyFile: 'other.key',
      certFile: 'other.pem',
      subject: '/CN=other.example',
      extensions: [...serverExts, 'subjectAltName=DNS:other.example'],
    }),
    issue(dir, {
      ...ca,
      keyFile: 'client.key',
      certFile: 'client.pem',
      subject: '/CN=urlpool test client',
      extensions: ['basicConstraints=critical,CA:FALSE', 'extendedKeyUsage=clientAuth'],
    }),
    selfSign(dir, {
      keyFile: 'self.key',
      certFile: 'self.pem',
      subject: '/CN=localhost',
      isCa: false,
      san: LOCAL_SAN,
    }),
    openssl(dir, [
      'pkcs8',
      '-topk8',
      '-in',
      'client.key',
      '-v2',
      'aes-256-cbc',
      '-passout',
      `pass:${CLIENT_KEY_PASSWORD}`,
      '-out',
      'client-encrypted.key',
    ]),
    openssl(dir, ['x509', '-in', 'ca.pem', '-outform', 'DER', '-out', 'ca.der']),
  ]);
  const certDir = join(dir, 'ca-dir');
  await mkdir(certDir, { recursive: true });
  await copyFile(join(dir, 'ca.pem'), join(certDir, 'urlpool-test-ca.pem'));

  const files = (cert: string, key: string): CertificateFiles => ({
    certFile: join(dir, cert),
    keyFile: join(dir, key),
    cert: readFileSync(join(dir, cert), 'utf8'),
    key: readFileSync(join(dir, key), 'utf8'),
  });
  return {
    dir,
    ca: { ...files('ca.pem', 'ca.key'), certDir, certDer: readFileSync(join(dir, 'ca.der')) },
    server: files('server.pem', 'server.key'),
    otherServer: files('other.pem', 'other.key'),
    client: {
      ...files('client.pem', 'client.key'),
      encryptedKeyFile: join(dir, 'client-encrypted.key'),
      encryptedKey: readFileSync(join(dir, 'client-encrypted.key'), 'utf8'),
      keyPassword: CLIENT_KEY_PASSWORD,
    },
    selfSigned: files('self.pem', 'self.key'),
  };
}
