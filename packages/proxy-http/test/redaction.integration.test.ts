import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import { generateTestCertificates, startConnectProxy, startTestServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { ProxyManager, proxyFromEnv } from '../src/index.ts';
import { rejection } from './support/rejection.ts';

const SECRET = 'hunter2-secret';
const BASIC = Buffer.from(`alice:${SECRET}`).toString('base64');

describe('proxy credentials never show', () => {
  it('not in inspect() of a manager that has tunnelled and forwarded, nor of its errors', async () => {
    const certs = await generateTestCertificates();
    const origin = await startTestServer({
      tls: { key: certs.server.key, cert: certs.server.cert },
    });
    const proxy = await startConnectProxy({ auth: { username: 'alice', password: SECRET } });
    const plain = await startTestServer();
    const m = new ProxyManager(`http://alice:${SECRET}@127.0.0.1:${proxy.port}`, {
      caCerts: certs.ca.certFile,
    });
    try {
      expect((await m.request('GET', `https://localhost:${origin.port}/get`)).status).toBe(200);
      expect((await m.request('GET', `${plain.url}/get`)).status).toBe(200);
      const shown = inspect(m, { depth: 12, showHidden: true });
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(BASIC);
      expect(m.proxy).toEqual({
        scheme: 'http',
        host: '127.0.0.1',
        port: proxy.port,
        redacted: `http://127.0.0.1:${proxy.port}`,
      });
      // The getter still gives the caller the headers they configured.
      expect(m.proxyHeaders.get('proxy-authorization')).toBe(`Basic ${BASIC}`);

      const bad = new ProxyManager(`http://alice:wrong-${SECRET}@127.0.0.1:${proxy.port}`, {
        caCerts: certs.ca.certFile,
        retries: 1,
      });
      const error = await rejection(bad.request('GET', `https://localhost:${origin.port}/get`));
      const everything = inspect(error, { depth: 12, showHidden: true });
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toContain(Buffer.from(`alice:wrong-${SECRET}`).toString('base64'));
      bad.clear();
    } finally {
      m.clear();
      await Promise.all([origin.close(), plain.close(), proxy.close()]);
    }
  });

  it('not in any diagnostics event; tunnel timings cover the CONNECT setup', async () => {
    const certs = await generateTestCertificates();
    const origin = await startTestServer({
      tls: { key: certs.server.key, cert: certs.server.cert },
    });
    const plain = await startTestServer();
    const proxy = await startConnectProxy({ auth: { username: 'alice', password: SECRET } });
    const events: Array<[string, unknown]> = [];
    const names = [
      'urlpool:request:create',
      'urlpool:request:headers',
      'urlpool:request:end',
      'urlpool:request:error',
      'urlpool:connection:connect',
      'urlpool:connection:connected',
      'urlpool:connection:error',
    ];
    const listeners = names.map((name) => {
      const listener = (message: unknown): void => {
        events.push([name, message]);
      };
      subscribe(name, listener);
      return [name, listener] as const;
    });
    const m = new ProxyManager(`http://alice:${SECRET}@127.0.0.1:${proxy.port}`, {
      caCerts: certs.ca.certFile,
    });
    const bad = new ProxyManager(`http://alice:bad-${SECRET}@127.0.0.1:${proxy.port}`, {
      retries: false,
    });
    try {
      expect((await m.request('GET', `https://localhost:${origin.port}/get`)).status).toBe(200);
      expect((await m.request('GET', `${plain.url}/get`)).status).toBe(200);
      await rejection(bad.request('GET', `https://localhost:${origin.port}/get`));
      expect(events.map(([name]) => name)).toContain('urlpool:connection:error');
      for (const [name, message] of events) {
        const shown = inspect(message, { depth: 12, showHidden: true });
        expect(shown, name).not.toContain(SECRET);
        expect(shown, name).not.toContain(BASIC);
      }
      const connected = events.find(
        ([name, message]) =>
          name === 'urlpool:connection:connected' &&
          (message as { scheme: string }).scheme === 'https',
      )?.[1] as { timings: { connect?: number; tls?: number; total: number } };
      expect(connected.timings.connect).toBeGreaterThan(0);
      expect(connected.timings.tls).toBeGreaterThan(0);
    } finally {
      for (const [name, listener] of listeners) unsubscribe(name, listener);
      m.clear();
      bad.clear();
      await Promise.all([origin.close(), plain.close(), proxy.close()]);
    }
  });

  it('not in inspect() of proxyFromEnv managers', () => {
    const m = proxyFromEnv({ env: { ALL_PROXY: `http://alice:${SECRET}@127.0.0.1:3128` } });
    const shown = inspect(m, { depth: 12, showHidden: true });
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(BASIC);
  });
});
