import { LocationValueError } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

// urllib3 conformance and everyday ergonomics (issue 10), against a loopback server.
let server: TestServer;
let http: PoolManager;

beforeAll(async () => {
  server = await startTestServer();
  http = new PoolManager();
});
afterAll(async () => {
  http.clear();
  await server.close();
});

describe('PoolManager: missing hosts (item 8) and URL objects (item 16)', () => {
  it.each([
    ['null', null],
    ['an empty string', ''],
    ['a path without a host', '/get'],
  ])(
    'request() with %s as the URL rejects with LocationValueError "No host specified."',
    async (_what, url) => {
      const error = await http.request('GET', url as string).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocationValueError);
      expect((error as Error).message).toMatch(/^No host specified\./);
    },
  );

  it('connectionFromUrl(null) and connectionFromHost("") throw LocationValueError', () => {
    expect(() => http.connectionFromUrl(null as unknown as string)).toThrow('No host specified.');
    expect(() => http.connectionFromHost('')).toThrow(LocationValueError);
  });

  it('request(), urlopen() and connectionFromUrl() take a WHATWG URL', async () => {
    const r = await http.request('GET', new URL(`${server.url}/get?x=1`));
    expect(r.json<{ args: Record<string, string> }>().args).toEqual({ x: '1' });
    expect((await http.urlopen('GET', new URL(`${server.url}/get`))).status).toBe(200);
    expect(http.connectionFromUrl(new URL(server.url)).port).toBe(server.port);
  });

  it('timeout: { connect, read } works as a manager default', async () => {
    const m = new PoolManager({ timeout: { connect: 1000, read: 2000 } });
    try {
      expect((await m.request('GET', `${server.url}/get`)).status).toBe(200);
    } finally {
      m.clear();
    }
  });

  it('IPv6 hosts with or without brackets share one pool', () => {
    const m = new PoolManager();
    try {
      expect(m.connectionFromHost('[::1]', 8080)).toBe(m.connectionFromHost('::1', 8080));
      expect(m.connectionFromUrl('http://[::1]:8080/').host).toBe('::1');
    } finally {
      m.clear();
    }
  });
});
