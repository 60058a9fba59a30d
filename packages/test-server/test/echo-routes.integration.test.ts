import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.ts';
import { send } from './http-get.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.resetStats());
afterAll(() => server.close());

describe('echo routes', () => {
  test('/get returns args, original-case headers, url and origin', async () => {
    const res = await send(`${server.url}/get?a=1&a=2&b=x`, { headers: { 'X-Thing': 'v' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const body = res.json();
    expect(body.args).toEqual({ a: ['1', '2'], b: 'x' });
    expect(body.headers['X-Thing']).toBe('v');
    expect(body.url).toBe(`${server.url}/get?a=1&a=2&b=x`);
    expect(body.origin).toBe('127.0.0.1');
  });

  test('/anything echoes method, path, text body and json', async () => {
    const res = await send(`${server.url}/anything/deep/path?q=1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"hello":"wörld"}',
    });
    const body = res.json();
    expect(body.method).toBe('PUT');
    expect(body.path).toBe('/anything/deep/path');
    expect(body.args).toEqual({ q: '1' });
    expect(body.data).toBe('{"hello":"wörld"}');
    expect(body.json).toEqual({ hello: 'wörld' });
    expect(body.form).toBeNull();
  });

  test('/anything gives binary bodies as base64 only', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const body = (await send(`${server.url}/anything`, { method: 'POST', body: bytes })).json();
    expect(body.data).toBe('');
    expect(Buffer.from(body.dataBase64, 'base64')).toEqual(bytes);
    expect(body.bodyLength).toBe(4);
  });

  test('/anything parses urlencoded forms', async () => {
    const body = (
      await send(`${server.url}/anything`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1&a=2&b=h%C3%A9',
      })
    ).json();
    expect(body.form).toEqual({ fields: { a: ['1', '2'], b: 'hé' }, files: {} });
  });

  test('/anything parses multipart fields and files', async () => {
    const boundary = 'XyZ123';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="field"',
      '',
      'value',
      `--${boundary}`,
      'Content-Disposition: form-data; name="upload"; filename="a.txt"',
      'Content-Type: text/plain',
      '',
      'file content',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const body = (
      await send(`${server.url}/anything`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: payload,
      })
    ).json();
    expect(body.form.fields).toEqual({ field: 'value' });
    expect(body.form.files.upload).toEqual([
      { filename: 'a.txt', type: 'text/plain', content: 'file content', size: 12 },
    ]);
  });

  test('/headers and /user-agent', async () => {
    const headers = (
      await send(`${server.url}/headers`, { headers: { 'User-Agent': 'ua/1' } })
    ).json();
    expect(headers.headers['User-Agent']).toBe('ua/1');
    const ua = (
      await send(`${server.url}/user-agent`, { headers: { 'User-Agent': 'ua/2' } })
    ).json();
    expect(ua['user-agent']).toBe('ua/2');
  });

  test('/echo-body returns the bytes and content type', async () => {
    const bytes = Buffer.from([1, 2, 3, 250]);
    const res = await send(`${server.url}/echo-body`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-test' },
      body: bytes,
    });
    expect(res.headers['content-type']).toBe('application/x-test');
    expect(res.body).toEqual(bytes);
  });

  test('requests are recorded with raw header pairs and the body', async () => {
    await send(`${server.url}/anything?x=1`, {
      method: 'POST',
      headers: { 'X-One': 'a', 'content-type': 'text/plain' },
      body: 'payload',
    });
    await send(`${server.url}/nope`);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(first!.method).toBe('POST');
    expect(first!.url).toBe('/anything?x=1');
    expect(first!.httpVersion).toBe('1.1');
    expect(first!.rawHeaders).toContainEqual(['X-One', 'a']);
    expect(first!.headers['x-one']).toBe('a');
    expect(first!.body.toString()).toBe('payload');
    expect(second!.url).toBe('/nope');
    // agent: false opens one connection per request.
    expect(first!.socketId).not.toBe(second!.socketId);
  });

  test('unknown paths get a 404 JSON body', async () => {
    const res = await send(`${server.url}/no/such/route`);
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: 'no such route', path: '/no/such/route' });
  });

  test('HEAD gets headers without a body', async () => {
    const res = await send(`${server.url}/get`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.body.length).toBe(0);
  });
});
