import { MaxRetryError, ProtocolError, Retry } from '@urlpool/core';
import { createMemoryTransport, type MemoryHandler } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

// A host that cannot resolve: any attempt to open a real socket would fail the request.
const HOST = 'memory.invalid';

/** /flaky fails its first attempt with a reset, /busy answers 503 once, /hop redirects. */
function scriptedHandler(): MemoryHandler {
  const seen = new Map<string, number>();
  return (request) => {
    const count = (seen.get(request.path) ?? 0) + 1;
    seen.set(request.path, count);
    switch (request.path) {
      case '/flaky':
        return count === 1
          ? { status: 0, error: new ProtocolError('Connection aborted: reset') }
          : { status: 200, body: 'recovered' };
      case '/busy':
        return count === 1 ? { status: 503, body: 'busy' } : { status: 200, body: 'free' };
      case '/hop':
        return { status: 302, headers: { Location: '/final' }, body: 'moved' };
      default:
        return { status: 200, body: `${request.method} ${request.path}` };
    }
  };
}

describe('connectionFactory: an in-memory connection under a pool', () => {
  it('serves requests with no socket, reusing the kept-alive connection', async () => {
    const transport = createMemoryTransport(scriptedHandler());
    await using pool = new HTTPConnectionPool(HOST, { ...transport.options, port: 8080 });
    const first = await pool.request('GET', '/a');
    const second = await pool.request('POST', '/b', { body: 'x' });
    expect([first.status, first.data.toString()]).toEqual([200, 'GET /a']);
    expect(second.data.toString()).toBe('POST /b');
    expect(transport.connections).toBe(1);
    const [request] = transport.requests;
    expect(request).toMatchObject({
      method: 'GET',
      scheme: 'http',
      authority: `${HOST}:8080`,
      path: '/a',
      targetForm: 'origin',
      origin: `${HOST}:8080`,
    });
  });

  it('still applies error retries, status retries and same-host redirects', async () => {
    const transport = createMemoryTransport(scriptedHandler());
    await using pool = new HTTPConnectionPool(HOST, {
      ...transport.options,
      retries: new Retry({ total: 3, statusForcelist: [503], backoffFactor: 0 }),
    });
    const flaky = await pool.request('GET', '/flaky');
    expect([flaky.status, flaky.data.toString()]).toEqual([200, 'recovered']);
    const busy = await pool.request('GET', '/busy');
    expect([busy.status, busy.data.toString()]).toEqual([200, 'free']);
    const hop = await pool.request('GET', '/hop');
    expect([hop.status, hop.data.toString()]).toEqual([200, 'GET /final']);
    expect(transport.requests.map((r) => r.path)).toEqual([
      '/flaky',
      '/flaky',
      '/busy',
      '/busy',
      '/hop',
      '/final',
    ]);
    // The reset closed its connection; the rest reused the fresh one.
    expect(transport.connections).toBe(2);
  });

  it('counts those attempts against the Retry', async () => {
    const transport = createMemoryTransport(() => ({
      status: 0,
      error: new ProtocolError('Connection aborted: reset'),
    }));
    await using pool = new HTTPConnectionPool(HOST, { ...transport.options, retries: 2 });
    await expect(pool.request('GET', '/')).rejects.toBeInstanceOf(MaxRetryError);
    expect(transport.requests).toHaveLength(3);
  });

  it('passes the pool targetForm to the connection (absolute-form for forwarding proxies)', async () => {
    const transport = createMemoryTransport(() => ({ status: 204 }));
    await using pool = new HTTPConnectionPool(HOST, {
      ...transport.options,
      targetForm: 'absolute',
    });
    await pool.request('GET', '/x?y=1');
    expect(transport.requests[0]).toMatchObject({ targetForm: 'absolute', path: '/x?y=1' });
  });

  it('rejects a bad targetForm or connectionFactory at construction', () => {
    expect(() => new HTTPConnectionPool(HOST, { targetForm: 'authority' as 'origin' })).toThrow(
      /Invalid targetForm "authority"/,
    );
    expect(
      () => new HTTPConnectionPool(HOST, { connectionFactory: 'h2' as unknown as never }),
    ).toThrow(/connectionFactory option: expected a function/);
  });
});
