// Guide: "Decrypting Captured TLS Sessions with Wireshark".
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PoolManager } from 'urlpool';
import type { Example } from './example-context.ts';

export const decryptingTlsSessions: Example = {
  title: 'Decrypting Captured TLS Sessions with Wireshark',
  async run({ log, https }) {
    const { certs } = await https();
    // A small HTTPS server that also records its own key log lines, to compare.
    const serverKeyLog: string[] = [];
    const server = createServer({ key: certs.server.key, cert: certs.server.cert }, (_req, res) =>
      res.end('secret payload'),
    );
    server.on('keylog', (line: Buffer) => serverKeyLog.push(line.toString('latin1').trim()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };

    const dir = mkdtempSync(join(tmpdir(), 'urlpool-keylog-'));
    const keyLogFile = join(dir, 'keylogfile.txt');
    // `export SSLKEYLOGFILE=/path/to/keylogfile.txt` before starting node does the same; the
    // variable is read when a pool is made, so set it here before the manager creates one.
    const saved = process.env.SSLKEYLOGFILE;
    process.env.SSLKEYLOGFILE = keyLogFile;
    const http = new PoolManager({ caCerts: certs.ca.certFile });
    try {
      const r = await http.request('GET', `https://localhost:${port}/`);
      assert.equal(r.text(), 'secret payload');
      http.clear();
      const lines = readFileSync(keyLogFile, 'latin1').trim().split('\n');
      const labels = [...new Set(lines.map((line) => line.split(' ')[0]))];
      log(`SSLKEYLOGFILE=${keyLogFile}: ${lines.length} lines (${labels.join(', ')})`);
      // NSS key log format: LABEL <client random> <secret>, the very secrets of this session.
      for (const line of lines) assert.match(line, /^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+$/);
      assert.deepEqual(new Set(lines), new Set(serverKeyLog));
      log('they equal the server-side secrets of the session; in Wireshark set');
      log('Preferences > Protocols > TLS > (Pre)-Master-Secret log filename to that file.');
    } finally {
      http.clear();
      if (saved === undefined) delete process.env.SSLKEYLOGFILE;
      else process.env.SSLKEYLOGFILE = saved;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
