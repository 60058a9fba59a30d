// Guide: "Client Certificates".
import assert from 'node:assert/strict';
import { startTestServer } from '@urlpool/test-server';
import { PoolManager, SSLError } from 'urlpool';
import type { Example } from './example-context.ts';

interface Echo {
  clientCert: { subject: string; fingerprint256: string } | null;
}

export const clientCertificates: Example = {
  title: 'Client Certificates',
  async run({ log, https }) {
    const { certs } = await https();
    // A server that requires a client certificate issued by our CA (mutual TLS).
    const server = await startTestServer({
      recordRequests: false,
      tls: {
        key: certs.server.key,
        cert: certs.server.cert,
        ca: certs.ca.cert,
        requestCert: true,
      },
    });
    try {
      const http = new PoolManager({
        certFile: certs.client.certFile,
        keyFile: certs.client.keyFile,
        certReqs: 'CERT_REQUIRED',
        caCerts: certs.ca.certFile,
      });
      const r = await http.request('GET', `${server.url}/anything`);
      const subject = r.json<Echo>().clientCert?.subject;
      log(`PoolManager({ certFile, keyFile, caCerts }) -> ${r.status}; server saw ${subject}`);
      assert.equal(r.status, 200);
      assert.match(subject ?? '', /CN=urlpool test client/);
      http.clear();

      // An encrypted key needs keyPassword.
      const encrypted = new PoolManager({
        certFile: certs.client.certFile,
        keyFile: certs.client.encryptedKeyFile,
        keyPassword: certs.client.keyPassword,
        certReqs: 'CERT_REQUIRED',
        caCerts: certs.ca.certFile,
      });
      const r2 = await encrypted.request('GET', `${server.url}/anything`);
      log(`with an encrypted keyFile and keyPassword -> ${r2.status}`);
      assert.equal(
        r2.json<Echo>().clientCert?.fingerprint256,
        r.json<Echo>().clientCert?.fingerprint256,
      );
      encrypted.clear();

      // Without the password the key cannot be used: the pool is never made.
      const noPassword = new PoolManager({
        certFile: certs.client.certFile,
        keyFile: certs.client.encryptedKeyFile,
        caCerts: certs.ca.certFile,
      });
      const error = await noPassword
        .request('GET', `${server.url}/anything`)
        .catch((e: Error) => e);
      assert.ok(error instanceof SSLError);
      assert.equal(error.message, 'Client private key is encrypted, password is required');
      log(`the encrypted key without keyPassword: SSLError: ${error.message}`);
      noPassword.clear();
    } finally {
      await server.close();
    }
  },
};
