import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.ts';
import { send } from './http-get.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('misc routes', () => {
  test('/close sends Connection: close', async () => {
    const res = await send(`${server.url}/close`, { headers: { connection: 'keep-alive' } });
    expect(res.headers.connection).toBe('close');
  });

  test('/response-headers sets the given headers (repeats become multiple lines)', async () => {
    const res = await send(
      `${server.url}/response-headers?X-A=1&Set-Cookie=a%3D1&Set-Cookie=b%3D2`,
    );
    expect(res.headers['x-a']).toBe('1');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(res.json()).toEqual({ 'X-A': '1', 'Set-Cookie': ['a=1', 'b=2'] });
  });

  test('/cookies echoes the Cookie header; /cookies/set sets and redirects', async () => {
    const res = await send(`${server.url}/cookies`, { headers: { cookie: 'a=1; b=two' } });
    expect(res.json()).toEqual({ cookies: { a: '1', b: 'two' } });
    const set = await send(`${server.url}/cookies/set?k=v`);
    expect(set.status).toBe(302);
    expect(set.headers.location).toBe('/cookies');
    expect(set.headers['set-cookie']).toEqual(['k=v; Path=/']);
  });

  test('/basic-auth/:user/:pass', async () => {
    const url = `${server.url}/basic-auth/alice/s3cret`;
    const denied = await send(url);
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toBe('Basic realm="urlpool"');
    const wrong = await send(url, {
      headers: { authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    const ok = await send(url, {
      headers: { authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` },
    });
    expect(ok.json()).toEqual({ authenticated: true, user: 'alice' });
  });
});

describe('informational responses', () => {
  test('/early-hints sends a 103 before the 200', async () => {
    const { request } = await import('node:http');
    const seen = await new Promise<{ info: number[]; status: number; link: unknown }>(
      (resolve, reject) => {
        const info: number[] = [];
        let link: unknown;
        const req = request(`${server.url}/early-hints`, { agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve({ info, status: res.statusCode ?? 0, link }));
        });
        req.on('information', (message) => {
          info.push(message.statusCode);
          link = message.headers.link;
        });
        req.on('error', reject);
        req.end();
      },
    );
    expect(seen).toEqual({
      info: [103],
      status: 200,
      link: '</style.css>; rel=preload; as=style',
    });
  });

  test('/status/1xx is refused (node cannot send a bare 1xx)', async () => {
    expect((await send(`${server.url}/status/102`)).status).toBe(400);
  });
});
