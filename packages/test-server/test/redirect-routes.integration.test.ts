import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.ts';
import { send } from './http-get.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('status, redirect and retry routes', () => {
  test('/status/:code returns the code as body; 204 has none; 3xx redirects to /get', async () => {
    const teapot = await send(`${server.url}/status/418`);
    expect(teapot.status).toBe(418);
    expect(teapot.body.toString()).toBe('418');
    const empty = await send(`${server.url}/status/204`);
    expect(empty.status).toBe(204);
    expect(empty.body.length).toBe(0);
    const moved = await send(`${server.url}/status/301`);
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/get');
  });

  test('/redirect/:n is a relative chain ending at /get', async () => {
    const locations: string[] = [];
    let path = '/redirect/3';
    for (;;) {
      const res = await send(server.url + path);
      if (res.status !== 302) {
        expect(res.status).toBe(200);
        break;
      }
      path = res.headers.location!;
      locations.push(path);
    }
    expect(locations).toEqual(['/redirect/2', '/redirect/1', '/get']);
  });

  test('/redirect/:n?status_code= keeps the status along the chain', async () => {
    const res = await send(`${server.url}/redirect/2?status_code=307`);
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe('/redirect/1?status_code=307');
  });

  test('/absolute-redirect/:n uses absolute URLs', async () => {
    const first = await send(`${server.url}/absolute-redirect/2`);
    expect(first.headers.location).toBe(`${server.url}/absolute-redirect/1`);
    const last = await send(first.headers.location!);
    expect(last.headers.location).toBe(`${server.url}/get`);
  });

  test('/redirect-to with any status', async () => {
    const res = await send(
      `${server.url}/redirect-to?url=http%3A%2F%2Fexample.invalid%2Fx&status_code=308`,
    );
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('http://example.invalid/x');
    expect((await send(`${server.url}/redirect-to?url=/get`)).status).toBe(302);
    expect((await send(`${server.url}/redirect-to`)).status).toBe(400);
  });

  test('/retry fails `failures` times per key with Retry-After, then succeeds', async () => {
    const url = `${server.url}/retry?key=k1&failures=2&status=503&retry_after=1`;
    const a = await send(url);
    const b = await send(url);
    const c = await send(url);
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200]);
    expect(a.headers['retry-after']).toBe('1');
    expect(c.json()).toEqual({ attempts: 3 });
    // Another key has its own count.
    expect((await send(`${server.url}/retry?key=k2&failures=1`)).status).toBe(503);
    server.resetStats();
    expect((await send(url)).status).toBe(503);
  });
});
