import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.ts';
import { send } from './http-get.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test('get', async () => {
  const res = await send(`${server.url}/get?a=1&a=2&b=x`);
  expect(res.status).toBe(200);
  expect(res.json().args).toEqual({ a: ['1', '2'], b: 'x' });
  expect(server.requests).toHaveLength(1);
});
