import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Retry, SSLError, Timeout } from '@urlpool/core';
import {
  HTTPConnectionPool,
  type HTTPConnectionPoolOptions,
  HTTPSConnectionPool,
} from '@urlpool/pool';
import { kResolvedPoolOptions, kResolvedTlsOptions } from '@urlpool/pool/internal';
import { defineServerSet, startHttpsServer, startTestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoolConstructor, PoolManager } from '../src/index.ts';

// A manager resolves its pool (and TLS) options once and hands them to each new pool of the
// built-in classes: with many origins and a small numPools it makes a pool on most requests.

const servers = defineServerSet({ secure: startHttpsServer, plain: () => startTestServer() });
beforeAll(() => servers.start());
afterAll(() => servers.close());

describe('PoolManager: new pools from options resolved once', () => {
  it('gives every new pool its origin port and the manager options, resolved', async () => {
    const retries = new Retry({ total: 2 });
    const http = new PoolManager({ numPools: 2, maxsize: 3, block: true, timeout: 5000, retries });
    try {
      const a = http.connectionFromHost('127.0.0.1', servers.plain.port);
      const b = http.connectionFromHost('127.0.0.1', 1234);
      const c = http.connectionFromHost('localhost');
      for (const [pool, port] of [
        [a, servers.plain.port],
        [b, 1234],
        [c, 80],
      ] as const) {
        expect(pool).toBeInstanceOf(HTTPConnectionPool);
        expect(pool.port).toBe(port);
        expect(pool.options.port).toBe(port);
        expect(pool.options.maxsize).toBe(3);
        expect(pool.options.block).toBe(true);
        expect(pool.timeout).toBeInstanceOf(Timeout);
        expect([pool.timeout.connect, pool.timeout.read]).toEqual([5000, 5000]);
        expect(pool.retries).toBe(retries);
      }
      // numPools 2: the first pool was evicted and closed.
      expect(a.isClosed).toBe(true);
      const r = await http.request('GET', `${servers.plain.url}/get`);
      expect(r.status).toBe(200);
      expect(http.connectionFromUrl(servers.plain.url).hostHeader).toBe(
        `127.0.0.1:${servers.plain.port}`,
      );
    } finally {
      http.clear();
    }
  });

  it('rejects a bad port from connectionFromHost with the pool TypeError', () => {
    const http = new PoolManager();
    expect(() => http.connectionFromHost('127.0.0.1', 70000)).toThrow(
      'Invalid port 70000: expected an integer from 0 to 65535',
    );
    expect(() => http.connectionFromHost('127.0.0.1', 1.5)).toThrow(TypeError);
    expect(http.pools.size).toBe(0);
  });

  it('per-call pool options still make a pool of their own from the options as given', () => {
    const http = new PoolManager({ maxsize: 2 });
    try {
      const base = http.connectionFromHost('127.0.0.1', 8080);
      const other = http.connectionFromHost('127.0.0.1', 8080, 'http', { maxsize: 5 });
      expect(other).not.toBe(base);
      expect(other.options.maxsize).toBe(5);
      expect(base.options.maxsize).toBe(2);
      // The same options spelt out name the default pool.
      expect(http.connectionFromHost('127.0.0.1', 8080, 'http', { maxsize: 2 })).toBe(base);
    } finally {
      http.clear();
    }
  });

  it('reads the CA file once per manager: https pools share one SecureContext, not sessions', async () => {
    const caFile = join(tmpdir(), `urlpool-new-pools-ca-${process.pid}.pem`);
    writeFileSync(caFile, readFileSync(servers.certs.ca.certFile));
    const https = new PoolManager({ numPools: 1, caCerts: caFile });
    try {
      const first = https.connectionFromHost('localhost', servers.secure.port, 'https');
      expect(first).toBeInstanceOf(HTTPSConnectionPool);
      const firstTls = (first as HTTPSConnectionPool).tls;
      // Evicts `first` (numPools 1); the new pool reuses the manager's resolved TLS options.
      const second = https.connectionFromHost('127.0.0.1', servers.secure.port, 'https');
      expect(first.isClosed).toBe(true);
      expect((second as HTTPSConnectionPool).tls).toBe(firstTls);
      expect(second.port).toBe(servers.secure.port);
      const again = https.connectionFromHost('localhost', servers.secure.port, 'https');
      expect((again as HTTPSConnectionPool).tls.secureContext).toBe(firstTls.secureContext);
      const r = await https.request('GET', `https://localhost:${servers.secure.port}/get`);
      expect(r.status).toBe(200);
    } finally {
      https.clear();
    }
  });

  it('a bad CA path still throws SSLError from the first https request, every time', async () => {
    const https = new PoolManager({ caCerts: '/nonexistent/ca.pem' });
    for (let i = 0; i < 2; i++) {
      const error = await https
        .request('GET', `https://localhost:${servers.secure.port}/get`, { retries: false })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SSLError);
    }
    // Plain http is unaffected by TLS options.
    expect((await https.request('GET', `${servers.plain.url}/get`)).status).toBe(200);
    https.clear();
  });

  it("a subclass's own pool class gets the options as given (its resolveOptions runs)", () => {
    const seen: HTTPConnectionPoolOptions[] = [];
    class TracingPool extends HTTPConnectionPool {
      protected override resolveOptions(options: HTTPConnectionPoolOptions) {
        seen.push(options);
        return super.resolveOptions(options);
      }
    }
    class TracingManager extends PoolManager {
      constructor() {
        super({ maxsize: 4 });
        this.poolClassesByScheme.set('http', TracingPool as PoolConstructor);
      }
    }
    const http = new TracingManager();
    const pool = http.connectionFromHost('127.0.0.1', 9999);
    expect(pool).toBeInstanceOf(TracingPool);
    expect(seen).toEqual([{ maxsize: 4, port: 9999 }]);
    expect(pool.options.maxsize).toBe(4);
    http.clear();
  });

  it('the keys are registered symbols, the same in the bundle and the per-file output', () => {
    expect(kResolvedPoolOptions).toBe(Symbol.for('urlpool.resolvedPoolOptions'));
    expect(kResolvedTlsOptions).toBe(Symbol.for('urlpool.resolvedTlsOptions'));
  });
});
