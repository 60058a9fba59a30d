// urllib3 2.x test_url_auth.py through a proxy: an origin URL's `user:pass@` becomes
// `Authorization: Basic` for the origin, never part of the absolute-form target, never sent in
// a CONNECT; the proxy URL's credentials stay `Proxy-Authorization`, never sent to the origin.
import { startHttpsServer, startTestServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { useProxyFixture } from './support/proxy-fixture.ts';

const fx = useProxyFixture({ plain: () => startTestServer(), secure: startHttpsServer });
const { proxyServer, manager } = fx;

const header = (raw: ReadonlyArray<readonly [string, string]>, name: string) =>
  raw.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v);

describe('credentials in the origin URL through a ProxyManager', () => {
  it('forwarded: Authorization from the URL, Proxy-Authorization from the proxy URL, no @ in the target', async () => {
    const proxy = await proxyServer();
    const m = manager(`http://proxy:password@127.0.0.1:${proxy.port}`);
    const r = await m.request('GET', `http://user:pass@127.0.0.1:${fx.plain.port}/get`);
    expect(r.status).toBe(200);
    const [seen] = proxy.requests;
    expect(seen!.target).toBe(`http://127.0.0.1:${fx.plain.port}/get`);
    expect(header(seen!.rawHeaders, 'authorization')).toEqual(['Basic dXNlcjpwYXNz']);
    expect(header(seen!.rawHeaders, 'proxy-authorization')).toEqual(['Basic cHJveHk6cGFzc3dvcmQ=']);
    // Nothing of either persists to the next request.
    await m.request('GET', `${fx.plain.url}/get`);
    expect(header(proxy.requests[1]!.rawHeaders, 'authorization')).toEqual([]);
  });

  it('tunnelled: Authorization only inside the tunnel, Proxy-Authorization only on the CONNECT', async () => {
    const proxy = await proxyServer();
    const m = manager(`http://proxy:password@127.0.0.1:${proxy.port}`);
    const r = await m.request('GET', `https://alice:s%65cret@localhost:${fx.secure.port}/get`);
    expect(r.status).toBe(200);
    const [connect] = proxy.requests;
    expect(connect!.method).toBe('CONNECT');
    expect(connect!.target).toBe(`localhost:${fx.secure.port}`);
    expect(header(connect!.rawHeaders, 'authorization')).toEqual([]);
    expect(header(connect!.rawHeaders, 'proxy-authorization')).toEqual([
      'Basic cHJveHk6cGFzc3dvcmQ=',
    ]);
    const [origin] = fx.secure.requests;
    expect(origin!.url).toBe('/get');
    expect(header(origin!.rawHeaders, 'authorization')).toEqual([
      `Basic ${Buffer.from('alice:secret').toString('base64')}`,
    ]);
    expect(header(origin!.rawHeaders, 'proxy-authorization')).toEqual([]);
  });
});
