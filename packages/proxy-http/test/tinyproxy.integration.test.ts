import { createHash } from 'node:crypto';
import { ProxyError } from '@urlpool/core';
import {
  generateTestCertificates,
  hasTinyproxy,
  startTestServer,
  startTinyproxy,
  type TestCertificates,
  type TestServer,
  type Tinyproxy,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProxyManager } from '../src/index.ts';
import { patternSha256 } from './support/pattern-hash.ts';
import { rejection } from './support/rejection.ts';

// CI installs tinyproxy (scripts/ensure-system-deps.mjs): there a missing one fails the run.
const run = hasTinyproxy() || process.env.CI === 'true';
if (!run)
  console.warn('tinyproxy is not installed: skipping the tinyproxy tests (CI=true would fail)');

describe.runIf(run)('through tinyproxy', () => {
  let certs: TestCertificates;
  let origin: TestServer;
  let plain: TestServer;
  let tinyproxy: Tinyproxy;
  let proxy: ProxyManager;

  beforeAll(async () => {
    certs = await generateTestCertificates();
    [origin, plain, tinyproxy] = await Promise.all([
      startTestServer({ tls: { key: certs.server.key, cert: certs.server.cert } }),
      startTestServer(),
      startTinyproxy(),
    ]);
  });
  afterEach(() => proxy?.clear());
  afterAll(async () => {
    await Promise.all([origin?.close(), plain?.close(), tinyproxy?.close()]);
  });

  it('tunnels an https target, 20 requests on one tunnel', async () => {
    proxy = new ProxyManager(tinyproxy.url, { caCerts: certs.ca.certFile });
    origin.resetStats();
    for (let i = 0; i < 20; i++) {
      const r = await proxy.request('GET', `https://localhost:${origin.port}/get?i=${i}`);
      expect(r.status).toBe(200);
      expect((r.json() as { args: unknown }).args).toEqual({ i: String(i) });
    }
    expect(origin.totalConnections).toBe(1);
    expect(tinyproxy.log()).toMatch(/CONNECT/);
  });

  it('forwards http targets in absolute form', async () => {
    proxy = new ProxyManager(tinyproxy.url);
    // tinyproxy 1.11 closes its client connection after every response without saying
    // `Connection: close`: GETs that find the connection gone are retried on a fresh one.
    for (let i = 0; i < 3; i++) {
      const r = await proxy.request('GET', `${plain.url}/get?i=${i}`);
      expect(r.status).toBe(200);
      expect((r.json() as { args: unknown }).args).toEqual({ i: String(i) });
    }
    proxy.clear();
    const posted = await proxy.request('POST', `${plain.url}/post`, { json: { a: 1 } });
    expect((posted.json() as { json: unknown }).json).toEqual({ a: 1 });
    expect(tinyproxy.log()).toContain(`GET ${plain.url}/get?i=2`);
  });

  it('downloads 64 MiB through the tunnel with a matching hash', async () => {
    proxy = new ProxyManager(tinyproxy.url, { caCerts: certs.ca.certFile });
    const size = 64 * 1024 * 1024;
    const r = await proxy.request('GET', `https://localhost:${origin.port}/large?size=${size}`, {
      preloadContent: false,
    });
    const hash = createHash('sha256');
    let total = 0;
    for await (const chunk of r) {
      hash.update(chunk);
      total += chunk.length;
    }
    expect(total).toBe(size);
    expect(hash.digest('hex')).toBe(patternSha256(size));
  });

  it('a destination outside loopback is refused by its filter: ProxyError naming the status', async () => {
    proxy = new ProxyManager(tinyproxy.url, { retries: false });
    // 192.0.2.0/24 is TEST-NET-1: never routed; tinyproxy refuses before connecting.
    const error = await rejection(proxy.request('GET', 'https://192.0.2.1/'));
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.message).toMatch(/^Tunnel connection failed: 403/);
  });
});
