// Guide: "TLS Warnings".
import assert from 'node:assert/strict';
import { startTestServer } from '@urlpool/test-server';
import {
  disableWarnings,
  type HTTPWarning,
  InsecureRequestWarning,
  onWarning,
  PoolManager,
} from 'urlpool';
import type { Example } from './example-context.ts';

export const tlsWarnings: Example = {
  title: 'TLS Warnings',
  async run({ log, https }) {
    const { certs } = await https();
    // InsecureRequestWarning is emitted once per host per process, so this section uses a host
    // of its own (an HTTPS server on ::1) to start from a clean slate.
    const server = await startTestServer({
      host: '::1',
      recordRequests: false,
      tls: { key: certs.server.key, cert: certs.server.cert },
    });
    // onWarning() routes urlpool warnings to a listener instead of the process (urllib3's
    // logging.captureWarnings(True)); without a listener they go to process.emitWarning, so
    // `node --disable-warning=InsecureRequestWarning` silences them too.
    const captured: HTTPWarning[] = [];
    const stopCapturing = onWarning((warning) => captured.push(warning));
    const http = new PoolManager({ certReqs: 'CERT_NONE' });
    try {
      // disableWarnings() silences every urlpool warning (or one category and its subclasses).
      const undo = disableWarnings();
      await http.request('GET', `${server.url}/close`);
      log(`disableWarnings(); unverified request -> ${captured.length} warning(s)`);
      assert.equal(captured.length, 0);
      undo();

      // Unverified requests warn once per host (urllib3 warns on every request).
      for (let i = 0; i < 3; i++) {
        await http.request('GET', `${server.url}/close`); // a new connection each time
      }
      log(
        `PoolManager({ certReqs: 'CERT_NONE' }), 3 requests -> ${captured.length} warning: ${captured[0]?.name}: ${captured[0]?.message.split('.')[0]}`,
      );
      assert.equal(captured.length, 1);
      assert.ok(captured[0] instanceof InsecureRequestWarning);
      assert.match(captured[0].message, /'::1'/);
    } finally {
      stopCapturing();
      http.clear();
      await server.close();
    }
  },
};
