import { X509Certificate } from 'node:crypto';
import {
  serverTls,
  startHttpsServer,
  startTestServer,
  type TestServer,
} from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { useCliFixture } from './helpers/cli-fixture.ts';
import { runCli } from './run-cli.ts';

const s = useCliFixture({
  https: startHttpsServer,
  mtls: (certs) =>
    startTestServer({ tls: { ...serverTls(certs), ca: certs.ca.cert, requestCert: true } }),
  tls12: (certs) =>
    startTestServer({ tls: { ...serverTls(certs), extra: { maxVersion: 'TLSv1.2' } } }),
  selfSigned: (certs) =>
    startTestServer({ tls: { key: certs.selfSigned.key, cert: certs.selfSigned.cert } }),
  plain: () => startTestServer(),
  otherName: (certs) =>
    startTestServer({ tls: { key: certs.otherServer.key, cert: certs.otherServer.cert } }),
});

/** `--cacert` with the test CA. */
const ca = (): string[] => ['--cacert', s.certs.ca.certFile];

/** `--cacert` with the test CA, then a client certificate and the given key file. */
function clientCertArgs(keyFile: string): string[] {
  return [...ca(), '--cert', s.certs.client.certFile, '--key', keyFile];
}

function localhost(server: TestServer, path = '/get'): string {
  return `https://localhost:${server.port}${path}`;
}

function sha256(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

describe('TLS options', () => {
  it('--cacert trusts the test CA', async () => {
    const run = await runCli([...ca(), localhost(s.https)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('--capath trusts every CA file of a directory', async () => {
    const run = await runCli(['--capath', s.certs.ca.certDir, localhost(s.https)]);
    expect(run.code).toBe(0);
  });

  it('60: an untrusted certificate, with what to do', async () => {
    const run = await runCli([localhost(s.https)]);
    expect(run.code).toBe(60);
    expect(run.stderr).toMatch(/certificate verify failed[\s\S]*--cacert FILE/);
  });

  it('60: a certificate for another name', async () => {
    // Signed by the trusted CA, but for other.example, not localhost.
    const run = await runCli([...ca(), localhost(s.otherName)]);
    expect(run.code).toBe(60);
  });

  it('--insecure skips verification, without a warning on stderr', async () => {
    const run = await runCli(['--insecure', localhost(s.selfSigned)]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('--pin accepts the matching fingerprint and exits 90 on another', async () => {
    const ok = await runCli([...ca(), '--pin', sha256(s.certs.server.cert), localhost(s.https)]);
    expect(ok.code).toBe(0);
    // With --insecure, the pin alone decides (curl's -k --pinnedpubkey).
    const pinnedOnly = await runCli([
      '-k',
      '--pin',
      sha256(s.certs.selfSigned.cert),
      localhost(s.selfSigned),
    ]);
    expect(pinnedOnly.code).toBe(0);
    const wrong = await runCli([
      ...ca(),
      '--pin',
      sha256(s.certs.selfSigned.cert),
      localhost(s.https),
    ]);
    expect(wrong.code).toBe(90);
    expect(wrong.stderr).toMatch(/Fingerprints did not match[\s\S]*--pin/);
  });

  it('--pin refuses a value that is not a fingerprint (exit 2)', async () => {
    const run = await runCli(['--pin', 'abc', localhost(s.selfSigned)]);
    expect(run.code).toBe(2);
  });

  it('--cert and --key send a client certificate; --pass opens an encrypted key', async () => {
    const run = await runCli([
      ...clientCertArgs(s.certs.client.keyFile),
      localhost(s.mtls, '/anything'),
    ]);
    expect(run.code).toBe(0);
    const echoed = JSON.parse(run.stdout.toString()) as { clientCert: { subject: string } | null };
    expect(echoed.clientCert?.subject).toMatch(/urlpool test client/);
    const encrypted = await runCli([
      ...clientCertArgs(s.certs.client.encryptedKeyFile),
      '--pass',
      s.certs.client.keyPassword,
      localhost(s.mtls, '/anything'),
    ]);
    expect(encrypted.code).toBe(0);
  });

  it('58: an encrypted client key without --pass', async () => {
    const run = await runCli([
      ...clientCertArgs(s.certs.client.encryptedKeyFile),
      localhost(s.mtls, '/anything'),
    ]);
    expect(run.code).toBe(58);
    expect(run.stderr).toMatch(/--pass/);
  });

  it('77: a --cacert file that holds no certificate', async () => {
    const run = await runCli(['--cacert', s.certs.client.keyFile, localhost(s.https)]);
    expect(run.code).toBe(77);
  });

  it('--tls-min 1.3 against a TLS 1.2 server fails the handshake (35); 1.2 passes', async () => {
    const refused = await runCli([...ca(), '--tls-min', '1.3', localhost(s.tls12)]);
    expect(refused.code).toBe(35);
    expect(refused.stderr).toMatch(/TLS handshake failed[\s\S]*--tls-min/);
    const ok = await runCli([...ca(), '--tls-min', '1.2', localhost(s.tls12)]);
    expect(ok.code).toBe(0);
  });

  it('35: https:// to a server that speaks plain HTTP', async () => {
    const run = await runCli([`https://127.0.0.1:${s.plain.port}/get`]);
    expect(run.code).toBe(35);
  });

  it('--tls-min with a version that does not exist (exit 2)', async () => {
    const run = await runCli(['--tls-min', '2.0', localhost(s.https)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/give 1\.2 or 1\.3/);
  });

  it('-v shows the TLS protocol, cipher and peer certificate, then the heads as sent', async () => {
    const run = await runCli(['-v', ...ca(), localhost(s.https)]);
    expect(run.code).toBe(0);
    const err = run.stderr;
    expect(err).toMatch(/^\* TLS: TLSv1\.3, cipher TLS_[A-Z0-9_]+, ALPN http\/1\.1$/m);
    expect(err).toMatch(/^\* Server certificate: subject CN=localhost$/m);
    expect(err).toMatch(/^\* {3}issuer O=urlpool tests, CN=urlpool test CA$/m);
    expect(err).toMatch(/^\* {3}sha256 [0-9A-F:]{95}$/m);
    expect(err).toMatch(/^\* Certificate chain verified$/m);
    expect(err).toMatch(
      new RegExp(`^> GET /get HTTP/1\\.1$[\\s\\S]*^> Host: localhost:${s.https.port}$`, 'm'),
    );
    expect(err).toMatch(
      /^\* Connected to localhost:\d+, ALPN http\/1\.1 \(dns [\d.]+ ms, connect [\d.]+ ms, tls [\d.]+ ms, total/m,
    );
  });

  it('-v with --insecure says the chain was not verified', async () => {
    const run = await runCli(['-v', '-k', localhost(s.selfSigned)]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\* Certificate chain NOT verified \(.+\)$/m);
  });
});
