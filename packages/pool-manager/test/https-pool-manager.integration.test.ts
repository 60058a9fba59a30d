import { createSecureContext } from 'node:tls';
import { MaxRetryError, SSLError } from '@urlpool/core';
import { HTTPConnectionPool, HTTPSConnectionPool } from '@urlpool/pool';
import { defineServerSet, startHttpsServer, startTestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PoolManager, type PoolManagerOptions } from '../src/index.ts';

const servers = defineServerSet({ secure: startHttpsServer, plain: () => startTestServer() });
const managers: PoolManager[] = [];

function manager(options: PoolManagerOptions = {}): PoolManager {
  const m = new PoolManager(options);
  managers.push(m);
  return m;
}

beforeAll(() => servers.start());
afterEach(async () => {
  for (const m of managers.splice(0)) m.clear();
  await servers.secure.waitForOpenConnections(0);
  servers.resetStats();
});
afterAll(() => servers.close());

describe('PoolManager over https', () => {
  it('makes an HTTPSConnectionPool for https:// URLs with the manager TLS options', async () => {
    const http = manager({ caCerts: servers.certs.ca.certFile });
    const r = await http.request('GET', `https://localhost:${servers.secure.port}/get`);
    expect(r.status).toBe(200);
    expect(r.url).toBe(`https://localhost:${servers.secure.port}/get`);
    const pool = http.connectionFromUrl(`https://localhost:${servers.secure.port}/`);
    expect(pool).toBeInstanceOf(HTTPSConnectionPool);
    expect(http.pools.size).toBe(1);
    expect(connectionFromHostDefaultPort(http)).toBe(443);
  });

  it('gives plain-http pools the other options and no TLS options', async () => {
    const http = manager({
      caCerts: servers.certs.ca.certFile,
      certReqs: 'CERT_REQUIRED',
      maxsize: 3,
    });
    const r = await http.request('GET', `${servers.plain.url}/get`);
    expect(r.status).toBe(200);
    const pool = http.connectionFromUrl(servers.plain.url);
    expect(pool).toBeInstanceOf(HTTPConnectionPool);
    expect(pool).not.toBeInstanceOf(HTTPSConnectionPool);
    expect(pool.options.maxsize).toBe(3);
    // TLS options given per call do not split http pools either.
    expect(http.connectionFromUrl(servers.plain.url, { certReqs: 'CERT_NONE' })).toBe(pool);
  });

  it('fails verification with SSLError (MaxRetryError after retries) and no leaked socket', async () => {
    const http = manager(); // Node's bundled roots: our test CA is unknown
    const url = `https://localhost:${servers.secure.port}/get`;
    const direct = await http.request('GET', url, { retries: false }).catch((e: Error) => e);
    expect(direct).toBeInstanceOf(SSLError);
    expect((direct as Error).message).toContain('certificate verify failed');
    const wrapped = await http.request('GET', url, { retries: 1 }).catch((e: Error) => e);
    expect(wrapped).toBeInstanceOf(MaxRetryError);
    expect((wrapped as MaxRetryError).reason).toBeInstanceOf(SSLError);
    expect(http.connectionFromUrl(url).stats.open).toBe(0);
    await servers.secure.waitForOpenConnections(0);
  });

  it('follows a redirect from http to https into the https pool', async () => {
    const http = manager({ caCerts: servers.certs.ca.certFile });
    const target = `https://localhost:${servers.secure.port}/get?from=http`;
    const r = await http.request(
      'GET',
      `${servers.plain.url}/redirect-to?url=${encodeURIComponent(target)}`,
    );
    expect(r.status).toBe(200);
    expect(r.url).toBe(target);
    expect(r.json<{ args: unknown }>().args).toEqual({ from: 'http' });
    expect([...http.pools.values()].map((p) => p.scheme).sort()).toEqual(['http', 'https']);
  });
});

describe('https pool keys include every TLS option', () => {
  const url = (): string => `https://localhost:${servers.secure.port}/`;

  it('equal TLS options share a pool; each differing option makes a new one', () => {
    const http = manager({ caCerts: servers.certs.ca.certFile });
    const base = http.connectionFromUrl(url());
    expect(http.connectionFromUrl(url())).toBe(base);
    expect(http.connectionFromUrl(url(), { caCerts: servers.certs.ca.certFile })).toBe(base);
    const variants = [
      { caCerts: servers.certs.selfSigned.certFile },
      { certReqs: 'CERT_NONE', assertFingerprint: 'ab'.repeat(32) },
      { assertHostname: 'other.example' },
      { serverHostname: 'localhost' },
      { sslMinimumVersion: 'TLSv1.3' },
      { sslMaximumVersion: 'TLSv1.2' },
      { ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' },
      { alpnProtocols: [] },
      { certFile: servers.certs.client.certFile, keyFile: servers.certs.client.keyFile },
      {
        certFile: servers.certs.client.certFile,
        keyFile: servers.certs.client.encryptedKeyFile,
        keyPassword: servers.certs.client.keyPassword,
      },
      { caCertData: servers.certs.ca.cert },
      { caCertDir: servers.certs.ca.certDir },
    ] as const;
    const seen = new Set([base]);
    for (const options of variants) {
      const pool = http.connectionFromUrl(url(), options);
      expect(seen.has(pool), JSON.stringify(options)).toBe(false);
      seen.add(pool);
      expect(http.connectionFromUrl(url(), options)).toBe(pool);
    }
  });

  it('a different keyPassword is a different pool, and the password is not in the key', () => {
    const http = manager({ numPools: 20 });
    const withPassword = (keyPassword: string) =>
      http.connectionFromUrl(url(), {
        certFile: servers.certs.client.certFile,
        keyFile: servers.certs.client.keyFile,
        keyPassword,
      });
    expect(withPassword('one')).not.toBe(withPassword('two'));
    for (const key of http.pools.keys()) {
      expect(key).not.toContain('one');
      expect(key).not.toContain('two');
    }
  });

  it('an sslContext counts by identity', () => {
    const http = manager();
    const first = createSecureContext({ ca: servers.certs.ca.cert });
    const second = createSecureContext({ ca: servers.certs.ca.cert });
    const a = http.connectionFromUrl(url(), { sslContext: first });
    expect(http.connectionFromUrl(url(), { sslContext: first })).toBe(a);
    expect(http.connectionFromUrl(url(), { sslContext: second })).not.toBe(a);
    // The same holds for managers given one in their options.
    const shared = manager({ sslContext: first });
    const other = manager({ sslContext: second });
    expect((shared.connectionFromUrl(url()) as HTTPSConnectionPool).tls.secureContext).toBe(first);
    expect((other.connectionFromUrl(url()) as HTTPSConnectionPool).tls.secureContext).toBe(second);
  });

  it('equal caCertData bytes in different buffers share a pool', () => {
    const http = manager();
    const a = http.connectionFromUrl(url(), {
      caCertData: new Uint8Array(servers.certs.ca.certDer),
    });
    const b = http.connectionFromUrl(url(), {
      caCertData: new Uint8Array(servers.certs.ca.certDer),
    });
    expect(b).toBe(a);
  });

  it('per-call TLS options override the manager ones in the key and the pool', async () => {
    const http = manager({ caCerts: servers.certs.selfSigned.certFile });
    const overridden = http.connectionFromUrl(url(), { caCerts: servers.certs.ca.certFile });
    expect((await overridden.request('GET', '/get')).status).toBe(200);
    const base = http.connectionFromUrl(url());
    expect(base).not.toBe(overridden);
    expect(
      await base.request('GET', '/get', { retries: false }).catch((e: Error) => e),
    ).toBeInstanceOf(SSLError);
  });
});

function connectionFromHostDefaultPort(http: PoolManager): number {
  return http.connectionFromHost('example.com', null, 'https').port;
}
