import {
  generateTestCertificates,
  type SocksServer,
  startSocksServer,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let certs: TestCertificates;
let http: TestServer;
let https: TestServer;
let socks: SocksServer;
let authSocks: SocksServer;

beforeAll(async () => {
  certs = await generateTestCertificates();
  http = await startTestServer();
  https = await startTestServer({ tls: { key: certs.server.key, cert: certs.server.cert } });
  socks = await startSocksServer();
  authSocks = await startSocksServer({ auth: { username: 'user', password: 'secret' } });
});

afterAll(async () => {
  await Promise.all([http, https, socks, authSocks].map((server) => server?.close()));
});

describe('--proxy socks', () => {
  for (const scheme of ['socks4', 'socks4a', 'socks5', 'socks5h'] as const) {
    it(`${scheme}:// tunnels http and https targets`, async () => {
      const plain = await runCli([
        '--proxy',
        socks.url(scheme),
        `http://localhost:${http.port}/get`,
      ]);
      expect(plain.stderr).toBe('');
      expect(plain.code).toBe(0);
      const request = socks.requests.at(-1);
      // socks4a and socks5h send the name for the proxy to resolve; socks4 and socks5 an address.
      const remoteDns = scheme === 'socks4a' || scheme === 'socks5h';
      expect(request?.host).toBe(remoteDns ? 'localhost' : '127.0.0.1');
      const secure = await runCli([
        '--proxy',
        socks.url(scheme),
        '--cacert',
        certs.ca.certFile,
        `https://localhost:${https.port}/get`,
      ]);
      expect(secure.stderr).toBe('');
      expect(secure.code).toBe(0);
    });
  }

  it('takes credentials from the proxy URL; a refusal never shows the password', async () => {
    const ok = await runCli([
      '--proxy',
      authSocks.url('socks5h', 'user:secret'),
      `${http.url}/get`,
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(authSocks.requests.at(-1)?.username).toBe('user');
    const denied = await runCli([
      '--proxy',
      authSocks.url('socks5h', 'user:wrong-pass'),
      `${http.url}/get`,
    ]);
    expect(denied.code).toBe(97);
    expect(denied.stderr).toMatch(/SOCKS/);
    expect(denied.stderr).not.toMatch(/wrong-pass/);
  });

  it('--proxy-cacert and friends apply to https:// proxies only (exit 2)', async () => {
    const run = await runCli([
      '--proxy',
      socks.url('socks5'),
      '--proxy-cacert',
      certs.ca.certFile,
      `${http.url}/get`,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/https:\/\/ proxies/);
  });

  it('an unreachable SOCKS proxy is 7, an unresolvable one 5', async () => {
    const closed = await runCli(['--proxy', 'socks5://127.0.0.1:1', `${http.url}/get`]);
    expect(closed.code).toBe(7);
    expect(closed.stderr).toMatch(/--proxy/);
    const unresolved = await runCli([
      '--proxy',
      'socks5h://no-such-proxy.invalid:1080',
      `${http.url}/get`,
    ]);
    expect(unresolved.code).toBe(5);
  });
});
