import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as urlpool from '../src/index.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  urlpool.getDefaultPoolManager().clear();
  await server.close();
});

describe('urlpool umbrella', () => {
  it('top-level request() uses a shared PoolManager and a 3000 ms default timeout', async () => {
    const r = await urlpool.request('GET', `${server.url}/get`);
    expect(r.status).toBe(200);
    expect(r.json<{ url: string }>().url).toContain('/get');
    const again = await urlpool.request('GET', `${server.url}/get`);
    expect(again.status).toBe(200);
    expect(server.totalConnections).toBe(1);
    expect(urlpool.DEFAULT_REQUEST_TIMEOUT).toBe(3000);
  });

  it('exports the contract names', () => {
    for (const name of [
      'PoolManager',
      'HTTPConnectionPool',
      'HTTPResponse',
      'HTTPHeaderDict',
      'Retry',
      'Timeout',
      'parseUrl',
      'makeHeaders',
      'encodeMultipartFormdata',
      'RequestField',
      'SKIP_HEADER',
      'MaxRetryError',
      'ProtocolError',
      'disableWarnings',
      'InsecureRequestWarning',
      'PoolFullWarning',
      'connectionFromUrl',
      'SOCKSProxyManager',
      'createSocksConnector',
      'ProxyManager',
      'proxyFromUrl',
      'proxyFromEnv',
      'FetchManager',
      'PlatformWarning',
    ]) {
      expect(urlpool).toHaveProperty(name);
    }
  });

  it('exports every error class of core and every warning class', async () => {
    const core: Record<string, unknown> = await import('@urlpool/core');
    const warnings: Record<string, unknown> = await import('@urlpool/warnings');
    const classes = Object.entries({ ...core, ...warnings })
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
      .map(([name]) => name);
    expect(classes.length).toBeGreaterThan(30);
    expect(classes.filter((name) => !(name in urlpool))).toEqual([]);
  });

  it('VERSION matches the package version and the User-Agent', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(urlpool.VERSION).toBe(pkg.version);
    const r = await urlpool.request('GET', `${server.url}/user-agent`);
    expect(r.text()).toContain(`urlpool/${pkg.version}`);
  });
});

describe('makeHeaders', () => {
  it('advertises every coding the decoders can handle, zstd included', () => {
    const value = urlpool.makeHeaders({ acceptEncoding: true }).get('accept-encoding');
    expect(value?.split(',')).toEqual(urlpool.supportedEncodings());
    expect(value).toContain('zstd');
    expect(urlpool.makeHeaders({ acceptEncoding: 'br' }).get('accept-encoding')).toBe('br');
  });
});
