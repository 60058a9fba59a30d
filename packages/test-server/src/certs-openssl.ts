import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Runs the `openssl` CLI in `cwd`; rejects with openssl's stderr in the message. */
export function openssl(cwd: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`openssl ${args.join(' ')} failed: ${stderr || error.message}`));
    });
  });
}

/** Creates an EC P-256 private key (fast to generate, accepted by every TLS version). */
export function newKey(cwd: string, keyFile: string): Promise<void> {
  return openssl(cwd, [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    keyFile,
  ]);
}

/** Creates a self-signed certificate for `keyFile`, as a CA when `isCa`. */
export async function selfSign(
  cwd: string,
  options: { keyFile: string; certFile: string; subject: string; isCa: boolean; san?: string },
): Promise<void> {
  const exts = options.isCa
    ? ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign']
    : ['basicConstraints=critical,CA:FALSE', 'extendedKeyUsage=serverAuth,clientAuth'];
  if (options.san !== undefined) exts.push(`subjectAltName=${options.san}`);
  await openssl(cwd, [
    'req',
    '-x509',
    '-new',
    '-key',
    options.keyFile,
    '-subj',
    options.subject,
    '-days',
    '30',
    ...exts.flatMap((ext) => ['-addext', ext]),
    '-out',
    options.certFile,
  ]);
}

/** Issues a leaf certificate for `keyFile` signed by the CA, with `extensions` (openssl syntax). */
export async function issue(
  cwd: string,
  options: {
    keyFile: string;
    certFile: string;
    subject: string;
    caCert: string;
    caKey: string;
    extensions: readonly string[];
  },
): Promise<void> {
  const csr = `${options.certFile}.csr`;
  const ext = `${options.certFile}.ext`;
  await openssl(cwd, [
    'req',
    '-new',
    '-key',
    options.keyFile,
    '-subj',
    options.subject,
    '-out',
    csr,
  ]);
  await writeFile(join(cwd, ext), `${options.extensions.join('\n')}\n`);
  await openssl(cwd, [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    options.caCert,
    '-CAkey',
    options.caKey,
    '-set_serial',
    `0x${Date.now().toString(16)}${Math.floor(Math.random() * 0xffff).toString(16)}`,
    '-days',
    '30',
    '-extfile',
    ext,
    '-out',
    options.certFile,
  ]);
}
