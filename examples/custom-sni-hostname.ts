// Guide: "Custom SNI Hostname".
import assert from 'node:assert/strict';
import { startTestServer } from '@urlpool/test-server';
import { HTTPSConnectionPool, SSLError } from 'urlpool';
import type { Example } from './example-context.ts';

export const customSniHostname: Example = {
  title: 'Custom SNI Hostname',
  async run({ log, https }) {
    const { certs } = await https();
    // A server for "other.example", a name no DNS resolves: we know its address (127.0.0.1) and
    // connect by IP, sending "other.example" as SNI, checking the certificate against it and
    // naming it in the Host header. The server records the SNI names it receives.
    const sniNames: string[] = [];
    const server = await startTestServer({
      tls: {
        key: certs.otherServer.key,
        cert: certs.otherServer.cert,
        extra: {
          SNICallback: (name, done) => {
            sniNames.push(name);
            done(null, undefined); // keep the server's own certificate
          },
        },
      },
    });
    try {
      const pool = new HTTPSConnectionPool('127.0.0.1', {
        port: server.port,
        caCerts: certs.ca.certFile,
        serverHostname: 'other.example',
        assertHostname: 'other.example',
      });
      const r = await pool.urlopen('GET', '/get', {
        headers: { Host: 'other.example' },
        assertSameHost: false,
      });
      const seen = server.requests.at(-1);
      log(
        `HTTPSConnectionPool('127.0.0.1', { serverHostname/assertHostname: 'other.example' }) -> ${r.status}; SNI ${JSON.stringify(sniNames)}, Host: ${seen?.headers.host}`,
      );
      assert.equal(r.status, 200);
      assert.deepEqual(sniNames, ['other.example']);
      assert.equal(seen?.headers.host, 'other.example');
      pool.close();

      // Without them the certificate (issued to other.example) does not match 127.0.0.1.
      const byIp = new HTTPSConnectionPool('127.0.0.1', {
        port: server.port,
        caCerts: certs.ca.certFile,
        retries: false,
      });
      const error = await byIp.urlopen('GET', '/get').catch((e: Error) => e);
      assert.ok(error instanceof SSLError);
      assert.match(error.message, /doesn't match/);
      log(`the same pool without them: SSLError: ${error.message.split('\n')[0]}`);
      byIp.close();
    } finally {
      await server.close();
    }
  },
};
