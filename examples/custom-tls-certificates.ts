// Guide: "Custom TLS Certificates".
import assert from 'node:assert/strict';
import { startTestServer } from '@urlpool/test-server';
import { MaxRetryError, PoolManager, SSLError } from 'urlpool';
import type { Example } from './example-context.ts';

export const customTlsCertificates: Example = {
  title: 'Custom TLS Certificates',
  async run({ log, https }) {
    const { certs, server } = await https();

    // Our local HTTPS server has a certificate from a private CA. Node's bundled roots (urllib3's
    // certifi) do not know that CA, so a default PoolManager refuses the server.
    const defaults = new PoolManager();
    const refused = await defaults.request('GET', `${server.url}/get`).catch((e: Error) => e);
    assert.ok(refused instanceof MaxRetryError && refused.reason instanceof SSLError);
    log(`PoolManager() -> ${server.url}/get: ${refused.reason?.message.split('\n')[0]}`);
    defaults.clear();

    // Give the CA bundle: requests verified by it succeed.
    const http = new PoolManager({ certReqs: 'CERT_REQUIRED', caCerts: certs.ca.certFile });
    const r = await http.request('GET', `${server.url}/get`);
    log(`PoolManager({ certReqs: 'CERT_REQUIRED', caCerts: 'ca.pem' }) -> ${r.status}`);
    assert.equal(r.status, 200);

    // Only requests that bundle can verify succeed: a server with a certificate from elsewhere
    // (here a self-signed one) is refused by the same manager.
    const stranger = await startTestServer({
      recordRequests: false,
      tls: { key: certs.selfSigned.key, cert: certs.selfSigned.cert },
    });
    try {
      const error = await http
        .request('GET', `${stranger.url}/get`, { retries: false })
        .catch((e: Error) => e);
      assert.ok(error instanceof SSLError);
      assert.match(error.message, /certificate verify failed/);
      log(`same manager -> a self-signed server: SSLError: ${error.message.split('\n')[0]}`);
    } finally {
      http.clear();
      await stranger.close();
    }
    log('Keep a separate PoolManager for URLs that do not need the custom bundle.');
  },
};
