import { startHttpsServer, startSocksServer, startTestServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { useCliFixture } from './helpers/cli-fixture.ts';
import { runCli } from './run-cli.ts';

const s = useCliFixture({
  http: () => startTestServer(),
  https: startHttpsServer,
  socks: () => startSocksServer(),
  authSocks: () => startSocksServer({ auth: { username: 'user', password: 'secret' } }),
});

describe('--proxy socks', () => {
  for (const scheme of ['socks4', 'socks4a', 'socks5', 'socks5h'] as const) {
    it(`${scheme}:// tunnels http and https targets`, async () => {
      const plain = await runCli([
        '--proxy',
        s.socks.url(scheme),
        `http://localhost:${s.http.port}/get`,
      ]);
      expect(plain.stderr).toBe('');
      expect(plain.code).toBe(0);
      const request = s.socks.requests.at(-1);
      // socks4a and socks5h send the name for the proxy to resolve; socks4 and socks5 an address.
      const remoteDns = scheme === 'socks4a' || scheme === 'socks5h';
      expect(request?.host).toBe(remoteDns ? 'localhost' : '127.0.0.1');
      const secure = await runCli([
        '--proxy',
        s.socks.url(scheme),
        '--cacert',
        s.certs.ca.certFile,
        `https://localhost:${s.https.port}/get`,
      ]);
      expect(secure.stderr).toBe('');
      expect(secure.code).toBe(0);
    });
  }

  it('takes credentials from the proxy URL; a refusal never shows the password', async () => {
    const ok = await runCli([
      '--proxy',
      s.authSocks.url('socks5h', 'user:secret'),
      `${s.http.url}/get`,
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(s.authSocks.requests.at(-1)?.username).toBe('user');
    const denied = await runCli([
      '--proxy',
      s.authSocks.url('socks5h', 'user:wrong-pass'),
      `${s.http.url}/get`,
    ]);
    expect(denied.code).toBe(97);
    expect(denied.stderr).toMatch(/SOCKS/);
    expect(denied.stderr).not.toMatch(/wrong-pass/);
  });

  it('--proxy-cacert and friends apply to https:// proxies only (exit 2)', async () => {
    const run = await runCli([
      '--proxy',
      s.socks.url('socks5'),
      '--proxy-cacert',
      s.certs.ca.certFile,
      `${s.http.url}/get`,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/https:\/\/ proxies/);
  });

  it('an unreachable SOCKS proxy is 7, an unresolvable one 5', async () => {
    const closed = await runCli(['--proxy', 'socks5://127.0.0.1:1', `${s.http.url}/get`]);
    expect(closed.code).toBe(7);
    expect(closed.stderr).toMatch(/--proxy/);
    const unresolved = await runCli([
      '--proxy',
      'socks5h://no-such-proxy.invalid:1080',
      `${s.http.url}/get`,
    ]);
    expect(unresolved.code).toBe(5);
  });
});
