import { getEventListeners } from 'node:events';
import { createTcpConnector } from '@urlpool/connection';
import { type Connector, Retry } from '@urlpool/core';
import { startUnacceptingListener, type UnacceptingListener } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { usePoolFixture } from './helpers/pool-fixture.ts';
import { rejection } from './helpers/rejection.ts';

const fixture = usePoolFixture({ settleMs: 5000 });
const pool = fixture.pool;
let blackhole: UnacceptingListener;

function abortAfter(ms: number, reason?: unknown): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason), ms);
  return controller.signal;
}

function listeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

beforeAll(async () => {
  blackhole = await startUnacceptingListener();
});
afterAll(async () => {
  await blackhole.close();
});

describe('AbortSignal', () => {
  it('an already aborted signal fails before anything is sent', async () => {
    const p = pool();
    const error = await rejection(p.request('GET', '/get', { signal: AbortSignal.abort() }));
    expect(error.name).toBe('AbortError');
    expect(fixture.server.totalConnections).toBe(0);
  });

  it('aborts while queued for a connection and leaves the queue', async () => {
    const p = pool({ maxsize: 1, block: true });
    const held = await p.request('GET', '/bytes/10', { preloadContent: false });
    const signal = abortAfter(100);
    const queued = p.request('GET', '/get', { signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(p.stats.queued).toBe(1);
    const error = await rejection(queued);
    expect(error.name).toBe('AbortError');
    expect(p.stats.queued).toBe(0);
    held.releaseConn();
    expect((await p.request('GET', '/get')).status).toBe(200);
  });

  it('aborts while connecting', async () => {
    const p = new HTTPConnectionPool('127.0.0.1', { port: blackhole.port });
    fixture.track(p);
    const started = performance.now();
    const error = await rejection(p.request('GET', '/', { signal: abortAfter(150) }));
    expect(error.name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(p.stats.open).toBe(0);
  });

  it('never sends on a connection whose connector ignored the abort', async () => {
    const controller = new AbortController();
    const tcp = createTcpConnector();
    // A connector that ignores the signal and finishes after the abort.
    const deaf: Connector = async (request) => {
      const socket = await tcp({ ...request, signal: undefined });
      controller.abort();
      return socket;
    };
    const p = pool({ connector: deaf });
    const error = await rejection(p.request('GET', '/get', { signal: controller.signal }));
    expect(error.name).toBe('AbortError');
    expect(p.stats.open).toBe(0);
    await fixture.server.waitForOpenConnections(0, 3000);
    expect(fixture.server.requests).toHaveLength(0);
  });

  it('aborts while waiting for the head, frees the slot and closes the socket', async () => {
    const p = pool({ maxsize: 1, block: true });
    const signal = abortAfter(150);
    const error = await rejection(p.request('GET', '/delay/5000', { signal }));
    expect(error.name).toBe('AbortError');
    expect(p.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
    await fixture.server.waitForOpenConnections(0, 3000);
    expect(listeners(signal)).toBe(0);
    // The freed slot serves the next request of this blocking pool.
    expect((await p.request('GET', '/get')).status).toBe(200);
  });

  it('aborts while a request body is being sent', async () => {
    const p = pool();
    const controller = new AbortController();
    async function* slowBody(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('first');
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 5000));
      yield Buffer.from('never');
    }
    const error = await rejection(
      p.request('POST', '/echo-body', { body: slowBody(), signal: controller.signal }),
    );
    expect(error.name).toBe('AbortError');
    expect(p.stats.open).toBe(0);
  });

  it('aborts while the body is streamed: the pending read rejects and no socket is left', async () => {
    const p = pool({ maxsize: 1, block: true });
    const controller = new AbortController();
    const r = await p.request('GET', '/stall-body?bytes=64', {
      preloadContent: false,
      signal: controller.signal,
    });
    expect((await r.read(64)).length).toBe(64);
    const pending = rejection(r.read());
    controller.abort();
    const error = await pending;
    expect(error.name).toBe('AbortError');
    expect(p.stats.open).toBe(0);
    await fixture.server.waitForOpenConnections(0, 3000);
    expect(listeners(controller.signal)).toBe(0);
  });

  it('frees the slot at once even when nobody reads the aborted response', async () => {
    const p = pool({ maxsize: 1, block: true });
    const controller = new AbortController();
    const r = await p.request('GET', '/stall-body?bytes=0', {
      preloadContent: false,
      signal: controller.signal,
    });
    expect(p.stats.active).toBe(1);
    controller.abort();
    expect(p.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
    await fixture.server.waitForOpenConnections(0, 3000);
    const error = await rejection(r.read());
    expect(error.name).toBe('AbortError');
    expect(r.connection).toBeNull();
  });

  it('aborts during a Retry-After wait between attempts', async () => {
    const p = pool();
    const started = performance.now();
    const error = await rejection(
      p.request('GET', '/retry?key=abort-wait&failures=3&retry_after=30', {
        signal: abortAfter(200),
        retries: new Retry({ total: 3 }),
      }),
    );
    expect(error.name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(fixture.server.requests).toHaveLength(1);
  });

  it('uses the caller reason when one is given', async () => {
    const p = pool();
    const reason = new Error('stop now');
    const error = await rejection(
      p.request('GET', '/delay/5000', { signal: abortAfter(100, reason) }),
    );
    expect(error).toBe(reason);
  });

  it('a reason that is not an Error still rejects with an AbortError', async () => {
    const p = pool({ maxsize: 1, block: true });
    const check = (error: Error): void => {
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('AbortError');
      expect(error.message).toContain('stop');
    };
    // Aborted while queued behind a held connection.
    const held = await p.request('GET', '/bytes/10', { preloadContent: false });
    check(await rejection(p.request('GET', '/get', { signal: abortAfter(100, 'stop') })));
    held.releaseConn();
    // Aborted on its connection, waiting for the head.
    check(await rejection(p.request('GET', '/delay/5000', { signal: abortAfter(100, 'stop') })));
    // Aborted before it started.
    check(await rejection(p.request('GET', '/get', { signal: AbortSignal.abort('stop') })));
  });

  it('is not retried, even for a GET with retries left', async () => {
    const p = pool();
    const error = await rejection(
      p.request('GET', '/delay/5000', { signal: abortAfter(100), retries: 5 }),
    );
    expect(error.name).toBe('AbortError');
    expect(fixture.server.requests).toHaveLength(1);
  });

  it('removes its listener once the response is released and keeps the connection', async () => {
    const p = pool();
    const controller = new AbortController();
    const r = await p.request('GET', '/get', { signal: controller.signal });
    expect(r.status).toBe(200);
    expect(listeners(controller.signal)).toBe(0);
    controller.abort();
    expect(p.stats.idle).toBe(1);
    // Streaming: the listener stays until release.
    const controller2 = new AbortController();
    const r2 = await p.request('GET', '/bytes/100', {
      preloadContent: false,
      signal: controller2.signal,
    });
    expect(listeners(controller2.signal)).toBe(1);
    await r2.read();
    r2.releaseConn();
    expect(listeners(controller2.signal)).toBe(0);
    expect(p.stats.idle).toBe(1);
  });
});
