// Guide: "Certificate Validation and macOS".
import assert from 'node:assert/strict';
import { HTTPSConnectionPool, SSLError } from 'urlpool';
import type { Example } from './example-context.ts';

export const certificateValidation: Example = {
  title: 'Certificate Validation and macOS',
  async run({ log, https }) {
    const { certs, server } = await https();
    // The guide's surprise: Apple's Python also trusts the system keychain, so a server the
    // custom bundle does not vouch for may still pass. urlpool never adds trust you did not ask
    // for: `caCerts` replaces Node's bundled roots, and the OS store is used only with
    // `useSystemCa: true`.
    //
    // Stand-in for "a company CA installed in the OS store": on Linux the store is read from
    // SSL_CERT_FILE when set, so point it at our test CA for this section.
    const savedCertFile = process.env.SSL_CERT_FILE;
    process.env.SSL_CERT_FILE = certs.ca.certFile;
    const pools: HTTPSConnectionPool[] = [];
    try {
      // A custom bundle that does not contain the server's CA (here: an unrelated certificate).
      const customBundle = certs.selfSigned.certFile;
      const strict = new HTTPSConnectionPool('localhost', {
        port: server.port,
        caCerts: customBundle,
        retries: false,
      });
      pools.push(strict);
      const error = await strict.request('GET', '/get').catch((e: Error) => e);
      assert.ok(error instanceof SSLError);
      assert.match(error.message, /certificate verify failed/);
      log(
        `caCerts: a bundle without the server's CA -> SSLError (the OS store is not consulted): ${error.message.split('\n')[0]}`,
      );

      // Opting in to the OS store is explicit, and combines with the bundle.
      const withSystem = new HTTPSConnectionPool('localhost', {
        port: server.port,
        caCerts: customBundle,
        useSystemCa: true,
      });
      pools.push(withSystem);
      const r = await withSystem.request('GET', '/get');
      log(`caCerts + useSystemCa: true -> ${r.status} (the OS store trusts the server's CA)`);
      assert.equal(r.status, 200);
    } finally {
      for (const pool of pools) pool.close();
      if (savedCertFile === undefined) delete process.env.SSL_CERT_FILE;
      else process.env.SSL_CERT_FILE = savedCertFile;
    }
  },
};
