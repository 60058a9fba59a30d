import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('cors option', () => {
  it('answers preflights with 204 and exposes every header on responses', async () => {
    server = await startTestServer({ cors: true });
    const preflight = await fetch(`${server.url}/anything`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:1',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x-test, user-agent',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-test, user-agent');
    expect(server.requests).toHaveLength(0);
    const res = await fetch(`${server.url}/retry?failures=1&retry_after=0`);
    expect(res.status).toBe(503);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('*');
    await res.arrayBuffer();
  });

  it('is off by default', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/get`);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await res.arrayBuffer();
  });
});
