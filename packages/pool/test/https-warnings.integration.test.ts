import { createHash, X509Certificate } from 'node:crypto';
import { generateTestCertificates, type TestCertificates } from '@urlpool/test-server';
import {
  disableWarnings,
  type HTTPWarning,
  InsecureRequestWarning,
  onWarning,
  SecurityWarning,
} from '@urlpool/warnings';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPSConnectionPool, type HTTPSConnectionPoolOptions } from '../src/index.ts';
import { startTlsFactsServer, type TlsFactsServer } from './https-fixtures.ts';

// InsecureRequestWarning fires once per host per process, so each test uses its own host name
// (127.0.0.1, localhost, ::1) and this file keeps its own process (vitest forks per file).
let certs: TestCertificates;
let v4: TlsFactsServer;
let v6: TlsFactsServer;
const pools: HTTPSConnectionPool[] = [];
const processWarnings: Error[] = [];
const onProcessWarning = (warning: Error): void => {
  processWarnings.push(warning);
};

function makePool(host: string, port: number, options: HTTPSConnectionPoolOptions = {}) {
  const pool = new HTTPSConnectionPool(host, { port, certReqs: 'CERT_NONE', ...options });
  pools.push(pool);
  return pool;
}

/** process.emitWarning delivers on a later tick. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeAll(async () => {
  certs = await generateTestCertificates();
  const tls = { key: certs.selfSigned.key, cert: certs.selfSigned.cert };
  v4 = await startTlsFactsServer(tls);
  v6 = await startTlsFactsServer(tls, '::1');
  process.on('warning', onProcessWarning);
});
afterEach(async () => {
  for (const pool of pools.splice(0)) pool.close();
  await v4.waitForNoSockets();
  await v6.waitForNoSockets();
  processWarnings.length = 0;
});
afterAll(async () => {
  process.off('warning', onProcessWarning);
  await v4.close();
  await v6.close();
});

describe('InsecureRequestWarning', () => {
  it('verified and fingerprint-pinned pools make no warning', async () => {
    const seen: HTTPWarning[] = [];
    const stop = onWarning((w) => seen.push(w));
    try {
      const pin = createHash('sha256')
        .update(new X509Certificate(certs.selfSigned.cert).raw)
        .digest('hex');
      await makePool('127.0.0.1', v4.port, { assertFingerprint: pin }).request('GET', '/');
      const verified = new HTTPSConnectionPool('127.0.0.1', {
        port: v4.port,
        caCertData: certs.selfSigned.cert,
      });
      pools.push(verified);
      await verified.request('GET', '/');
    } finally {
      stop();
    }
    expect(seen).toEqual([]);
  });

  it('is emitted to the process once per host for CERT_NONE, however many requests', async () => {
    const pool = makePool('127.0.0.1', v4.port);
    await pool.request('GET', '/close'); // a second connection follows
    await pool.request('GET', '/');
    await makePool('127.0.0.1', v4.port).request('GET', '/'); // another pool, same host
    await settle();
    const insecure = processWarnings.filter((w) => w instanceof InsecureRequestWarning);
    expect(insecure).toHaveLength(1);
    expect(insecure[0]?.name).toBe('InsecureRequestWarning');
    expect(insecure[0]?.message).toContain("host '127.0.0.1'");
    expect(insecure[0]).toBeInstanceOf(SecurityWarning);
  });

  it('onWarning receives it instead of the process', async () => {
    const seen: HTTPWarning[] = [];
    const stop = onWarning((w) => seen.push(w));
    try {
      await makePool('localhost', v4.port).request('GET', '/');
      await settle();
    } finally {
      stop();
    }
    expect(seen.map((w) => w.constructor)).toEqual([InsecureRequestWarning]);
    expect(seen[0]?.message).toContain("host 'localhost'");
    expect(processWarnings).toEqual([]);
  });

  it('disableWarnings() silences it; undoing brings it back (a silenced warning is not used up)', async () => {
    const undo = disableWarnings();
    try {
      await makePool('::1', v6.port).request('GET', '/');
      await settle();
      expect(processWarnings).toEqual([]);
    } finally {
      undo();
    }
    await makePool('::1', v6.port).request('GET', '/');
    await settle();
    expect(processWarnings.filter((w) => w instanceof InsecureRequestWarning)).toHaveLength(1);
  });
});
