import {
  serverTls,
  startConnectProxy,
  startHttpsServer,
  startTestServer,
} from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { useCliFixture } from './helpers/cli-fixture.ts';
import { runCli } from './run-cli.ts';

const s = useCliFixture({
  http: () => startTestServer(),
  https: startHttpsServer,
  proxy: () => startConnectProxy(),
  tlsProxy: (certs) => startConnectProxy({ tls: serverTls(certs) }),
  authProxy: () => startConnectProxy({ auth: { username: 'user', password: 'secret' } }),
});

const ca = (): string[] => ['--cacert', s.certs.ca.certFile];
const origin = (path: string): string => `https://localhost:${s.https.port}${path}`;

describe('--proxy http:// and https://', () => {
  it('http:// proxy forwards http:// targets in absolute form', async () => {
    const run = await runCli(['--proxy', s.proxy.url, `${s.http.url}/get?via=proxy`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString()).args).toEqual({ via: 'proxy' });
    expect(s.proxy.requests.at(-1)).toMatchObject({
      method: 'GET',
      target: `${s.http.url}/get?via=proxy`,
    });
  });

  it('http:// proxy tunnels https:// targets with CONNECT; TLS options apply to the origin', async () => {
    const run = await runCli(['--proxy', s.proxy.url, ...ca(), origin('/get')]);
    expect(run.code).toBe(0);
    expect(s.proxy.requests.at(-1)).toMatchObject({
      method: 'CONNECT',
      target: `localhost:${s.https.port}`,
    });
  });

  it('https:// proxy: TLS to the proxy (--proxy-cacert), then TLS inside it', async () => {
    const run = await runCli([
      '--proxy',
      s.tlsProxy.url,
      '--proxy-cacert',
      s.certs.ca.certFile,
      ...ca(),
      origin('/get'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(s.tlsProxy.requests.at(-1)?.method).toBe('CONNECT');
  });

  it('proxy credentials from the URL; a 407 is exit 97 and never shows the password', async () => {
    const ok = await runCli([
      '--proxy',
      s.authProxy.url.replace('://', '://user:secret@'),
      ...ca(),
      origin('/get'),
    ]);
    expect(ok.code).toBe(0);
    const denied = await runCli([
      '--proxy',
      s.authProxy.url.replace('://', '://user:wrong@'),
      ...ca(),
      origin('/get'),
    ]);
    expect(denied.code).toBe(97);
    expect(denied.stderr).toMatch(/407/);
    expect(denied.stderr).not.toMatch(/wrong/);
  });

  it('--proxy-header reaches the proxy only', async () => {
    const run = await runCli([
      '--proxy',
      s.proxy.url,
      '--proxy-header',
      'X-Proxy-Team: cli',
      ...ca(),
      origin('/headers'),
    ]);
    expect(run.code).toBe(0);
    const connect = s.proxy.requests.at(-1);
    expect(connect?.rawHeaders).toContainEqual(['X-Proxy-Team', 'cli']);
    expect(run.stdout.toString()).not.toMatch(/X-Proxy-Team/i);
  });

  it('a proxy that is not listening is exit 7; an unresolvable one 5; a bad proxy URL 5', async () => {
    const closed = await runCli(['--proxy', 'http://127.0.0.1:1', `${s.http.url}/get`]);
    expect(closed.code).toBe(7);
    expect(closed.stderr).toMatch(/--proxy/);
    const unresolved = await runCli([
      '--proxy',
      'http://no-such-proxy.invalid:3128',
      `${s.http.url}/get`,
    ]);
    expect(unresolved.code).toBe(5);
    const bad = await runCli(['--proxy', 'gopher://127.0.0.1:70', `${s.http.url}/get`]);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toMatch(/socks5h/);
  });

  it('honours http_proxy / no_proxy from the environment, and --noproxy', async () => {
    const before = s.proxy.requests.length;
    const viaEnv = await runCli([`${s.http.url}/get`], undefined, { http_proxy: s.proxy.url });
    expect(viaEnv.code).toBe(0);
    expect(s.proxy.requests.length).toBe(before + 1);
    const skipped = await runCli(['--noproxy', '127.0.0.1', `${s.http.url}/get`], undefined, {
      http_proxy: s.proxy.url,
    });
    expect(skipped.code).toBe(0);
    expect(s.proxy.requests.length).toBe(before + 1);
  });
});
