// urllib3 2.x test_url_auth.py at pool level: `pool.urlopen('GET', 'http://user:pass@host/…')`
// sends `Authorization: Basic` made of the percent-decoded userinfo, for that request only.
import { HTTPHeaderDict, InvalidHeader } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

let server: TestServer;
let pool: HTTPConnectionPool;

beforeAll(async () => {
  server = await startTestServer();
  pool = new HTTPConnectionPool('127.0.0.1', { port: server.port, headers: { 'X-Default': 'd' } });
});
afterAll(async () => {
  pool.close();
  await server.close();
});

const last = () => server.requests.at(-1)!;
const header = (name: string) =>
  last()
    .rawHeaders.filter(([k]) => k.toLowerCase() === name)
    .map(([, v]) => v);

describe('credentials in an absolute URL given to a pool', () => {
  it.each([
    ['user:pass', 'Basic dXNlcjpwYXNz'],
    ['user', 'Basic dXNlcjo='],
    [':', 'Basic Og=='],
    ['user%40example.com:p%3Ass', 'Basic dXNlckBleGFtcGxlLmNvbTpwOnNz'],
    ['user:%FF', 'Basic dXNlcjr/'],
  ])('%s@ → Authorization: %s, no @ in the target', async (userinfo, expected) => {
    const original = { 'X-Test': 'preserved' };
    const r = await pool.urlopen('GET', `http://${userinfo}@127.0.0.1:${server.port}/get`, {
      headers: original,
    });
    expect(r.status).toBe(200);
    expect(header('authorization')).toEqual([expected]);
    expect(header('x-test')).toEqual(['preserved']);
    expect(last().url).toBe('/get');
    expect(original).toEqual({ 'X-Test': 'preserved' });
  });

  it("with no headers given, the pool's default headers are kept", async () => {
    await pool.request('GET', `http://user:pass@127.0.0.1:${server.port}/get`);
    expect(header('authorization')).toEqual(['Basic dXNlcjpwYXNz']);
    expect(header('x-default')).toEqual(['d']);
    // The next request has no credentials.
    await pool.request('GET', '/get');
    expect(header('authorization')).toEqual([]);
  });

  it('a conflicting Authorization is InvalidHeader before anything is sent', async () => {
    const before = server.requests.length;
    const headers = new HTTPHeaderDict({ authorization: 'Bearer token' });
    const error = await pool
      .urlopen('GET', `http://user:secret@127.0.0.1:${server.port}/`, { headers })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidHeader);
    expect((error as Error).message).toContain('Authorization');
    expect((error as Error).message).not.toContain('secret');
    expect(server.requests.length).toBe(before);
  });
});
