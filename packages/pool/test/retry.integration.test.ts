import type { LookupFunction } from 'node:net';
import { createTcpConnector } from '@urlpool/connection';
import {
  MaxRetryError,
  NameResolutionError,
  NewConnectionError,
  ProtocolError,
  ReadTimeoutError,
  ResponseError,
  Retry,
  SSLError,
  Timeout,
} from '@urlpool/core';
import { startRawServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPConnectionPool, HTTPSConnectionPool } from '../src/index.ts';
import { closedPort, usePoolFixture } from './helpers/pool-fixture.ts';
import { rejection } from './helpers/rejection.ts';

const fixture = usePoolFixture();
const pool = fixture.pool;

let keyCounter = 0;
function key(): string {
  keyCounter++;
  return `k${keyCounter}-${process.pid}`;
}

describe('status retries', () => {
  it('waits for Retry-After: 1 twice, then succeeds (>= 2 s in total)', async () => {
    const p = pool();
    const started = performance.now();
    const r = await p.request('GET', `/retry?key=${key()}&failures=2&status=503&retry_after=1`);
    const elapsed = performance.now() - started;
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ attempts: 3 });
    // Timers may fire a hair early relative to performance.now(); 2 s minus 20 ms of slack.
    expect(elapsed).toBeGreaterThanOrEqual(1980);
    expect(elapsed).toBeLessThan(15_000);
    const history = r.retries!.history;
    expect(history.map((h) => h.status)).toEqual([503, 503]);
    expect(history.every((h) => h.error === null && h.redirectLocation === null)).toBe(true);
    // The 503 bodies were drained and the connection reused for every attempt.
    expect(fixture.server.totalConnections).toBe(1);
    expect(fixture.server.requests).toHaveLength(3);
  });

  it('returns a 418 that is not in statusForcelist without retrying', async () => {
    const p = pool({ retries: new Retry({ total: 5, statusForcelist: [500, 503] }) });
    const r = await p.request('GET', '/status/418');
    expect(r.status).toBe(418);
    expect(fixture.server.requests).toHaveLength(1);
    expect(r.retries!.history).toHaveLength(0);
  });

  it('retries a forcelisted status, then throws MaxRetryError naming it', async () => {
    const p = pool();
    const error = await rejection(
      p.request('GET', '/status/500', { retries: new Retry({ total: 2, statusForcelist: [500] }) }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ResponseError);
    expect(reason!.message).toBe('too many 500 error responses');
    expect(error.message).toContain('too many 500 error responses');
    expect(error.cause).toBe(reason);
    expect(fixture.server.requests).toHaveLength(3);
  });

  it('counts status retries on the status counter', async () => {
    const p = pool();
    const retries = new Retry({ total: 10, status: 1, statusForcelist: [503] });
    const error = await rejection(
      p.request('GET', `/retry?key=${key()}&failures=5&status=503`, { retries }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason!.message).toBe('too many 503 error responses');
    expect(fixture.server.requests).toHaveLength(2);
  });

  it('returns the last error response when raiseOnStatus is false', async () => {
    const p = pool();
    const retries = new Retry({ total: 2, statusForcelist: [500], raiseOnStatus: false });
    const r = await p.request('GET', '/status/500', { retries });
    expect(r.status).toBe(500);
    expect(r.data.toString()).toBe('500');
    expect(fixture.server.requests).toHaveLength(3);
  });

  it('does not retry a POST on a forcelisted status unless allowedMethods has POST', async () => {
    const p = pool();
    const r1 = await p.request('POST', '/status/503', {
      body: 'x',
      retries: new Retry({ total: 3, statusForcelist: [503] }),
    });
    expect(r1.status).toBe(503);
    expect(fixture.server.requests).toHaveLength(1);
    fixture.server.resetStats();
    const k = key();
    const r2 = await p.request('POST', `/retry?key=${k}&failures=2&status=503`, {
      body: 'payload',
      retries: new Retry({ total: 3, statusForcelist: [503], allowedMethods: ['POST'] }),
    });
    expect(r2.status).toBe(200);
    expect(fixture.server.requests.map((r) => r.body.toString())).toEqual([
      'payload',
      'payload',
      'payload',
    ]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const p = pool();
    // HTTP dates have one-second resolution: 2 s ahead leaves at least 1 s to wait.
    const when = new Date(Date.now() + 2000).toUTCString();
    const started = performance.now();
    const r = await p.request(
      'GET',
      `/retry?key=${key()}&failures=1&status=429&retry_after=${encodeURIComponent(when)}`,
    );
    const elapsed = performance.now() - started;
    expect(r.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(15_000);
  });

  it('caps Retry-After at retryAfterMax', async () => {
    const p = pool();
    const retries = new Retry({ total: 3, retryAfterMax: 300 });
    const started = performance.now();
    const r = await p.request('GET', `/retry?key=${key()}&failures=1&retry_after=120`, {
      retries,
    });
    const elapsed = performance.now() - started;
    expect(r.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('ignores Retry-After when respectRetryAfterHeader is false', async () => {
    const p = pool();
    const retries = new Retry({ total: 3, respectRetryAfterHeader: false });
    const r = await p.request('GET', `/retry?key=${key()}&failures=1&retry_after=120`, {
      retries,
    });
    expect(r.status).toBe(503);
    expect(fixture.server.requests).toHaveLength(1);
  });

  it('backs off backoffFactor * 2 ** (n - 1) ms from the second consecutive failure', async () => {
    const p = pool();
    const retries = new Retry({
      total: 2,
      statusForcelist: [500],
      backoffFactor: 150,
      raiseOnStatus: false,
    });
    const started = performance.now();
    await p.request('GET', '/status/500', { retries });
    // Sleeps: 0 after the first failure, 150 * 2 = 300 ms after the second.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(fixture.server.requests).toHaveLength(3);
  });

  it('caps the backoff at backoffMax', async () => {
    const p = pool();
    const retries = new Retry({
      total: 2,
      statusForcelist: [500],
      backoffFactor: 5000,
      backoffMax: 200,
      raiseOnStatus: false,
    });
    const started = performance.now();
    await p.request('GET', '/status/500', { retries });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    // Uncapped it would be 10 s.
    expect(elapsed).toBeLessThan(8000);
  });

  it('never mutates the pool default or the caller Retry', async () => {
    const shared = new Retry({ total: 3, statusForcelist: [503] });
    const p = pool({ retries: shared });
    const r = await p.request('GET', `/retry?key=${key()}&failures=1`);
    expect(r.status).toBe(200);
    expect(r.retries).not.toBe(shared);
    expect(r.retries!.total).toBe(2);
    expect(shared.total).toBe(3);
    expect(shared.history).toHaveLength(0);
    expect(Object.isFrozen(shared)).toBe(true);
  });
});

describe('error retries', () => {
  it('retries a refused connection for any method and reports the real cause', async () => {
    const port = await closedPort();
    const p = new HTTPConnectionPool('127.0.0.1', { port });
    fixture.track(p);
    const error = await rejection(
      p.request('POST', '/', { body: 'x', retries: new Retry({ total: 5, connect: 2 }) }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(NewConnectionError);
    expect(error.cause).toBe(reason);
    expect(error.message).toMatch(
      /Max retries exceeded with url: \/ \(Caused by NewConnectionError/,
    );
    expect(p.numConnections).toBe(3);
    expect(p.stats.open).toBe(0);
  });

  it('a failed name lookup is NameResolutionError, retried on the connect counter', async () => {
    // An injected lookup: nothing is ever resolved over the network.
    const looked: string[] = [];
    const lookup = ((hostname: string, _options: unknown, callback: (e: Error) => void) => {
      looked.push(hostname);
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
      });
      process.nextTick(callback, error);
    }) as unknown as LookupFunction;
    const p = new HTTPConnectionPool('no-such-host.invalid', {
      port: 80,
      connector: createTcpConnector({ lookup }),
    });
    fixture.track(p);
    const direct = await rejection(p.request('GET', '/', { retries: false }));
    expect(direct).toBeInstanceOf(NameResolutionError);
    expect(direct.message).toContain("Failed to resolve 'no-such-host.invalid'");
    looked.length = 0;
    const error = await rejection(p.request('GET', '/', { retries: new Retry({ connect: 2 }) }));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(NameResolutionError);
    expect(looked).toEqual([
      'no-such-host.invalid',
      'no-such-host.invalid',
      'no-such-host.invalid',
    ]);
    expect(p.stats.open).toBe(0);
  });

  it('counts a TLS failure on the other counter', async () => {
    // TLS to a plain-HTTP server: the handshake fails with SSLError, neither connect nor read.
    const p = new HTTPSConnectionPool('127.0.0.1', {
      port: fixture.server.port,
      certReqs: 'CERT_NONE',
    });
    fixture.track(p);
    const error = await rejection(
      p.request('GET', '/get', { retries: new Retry({ total: 10, other: 1 }) }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(SSLError);
    expect(p.numConnections).toBe(2);
    expect(p.stats.open).toBe(0);
  });

  it('throws the error itself with retries: false, and MaxRetryError with retries: 0', async () => {
    const port = await closedPort();
    const p = new HTTPConnectionPool('127.0.0.1', { port });
    fixture.track(p);
    expect(await rejection(p.request('GET', '/', { retries: false }))).toBeInstanceOf(
      NewConnectionError,
    );
    const zero = await rejection(p.request('GET', '/', { retries: 0 }));
    expect(zero).toBeInstanceOf(MaxRetryError);
    expect((zero as MaxRetryError).reason).toBeInstanceOf(NewConnectionError);
  });

  it('retries a reset GET (read error) and gives up with ProtocolError as reason', async () => {
    const p = pool();
    const error = await rejection(p.request('GET', '/disconnect', { retries: 2 }));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ProtocolError);
    expect(fixture.server.requests).toHaveLength(3);
  });

  it('does not retry a reset POST: the ProtocolError surfaces as is', async () => {
    const p = pool();
    const error = await rejection(p.request('POST', '/disconnect', { body: 'x', retries: 3 }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).not.toBeInstanceOf(MaxRetryError);
    expect(fixture.server.requests).toHaveLength(1);
  });

  it('a POST read timeout is a ReadTimeoutError, not MaxRetryError', async () => {
    const p = pool({ timeout: new Timeout({ read: 200 }) });
    const error = await rejection(p.request('POST', '/delay/3000', { body: 'x' }));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(fixture.server.requests).toHaveLength(1);
  });

  it('retries a GET read timeout on the read counter', async () => {
    const p = pool({ timeout: new Timeout({ read: 150 }) });
    const error = await rejection(
      p.request('GET', '/delay/3000', { retries: new Retry({ total: 5, read: 1 }) }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ReadTimeoutError);
    expect(fixture.server.requests).toHaveLength(2);
  });

  it('retries a truncated body read during preload (IncompleteRead) for a GET', async () => {
    const p = pool();
    const error = await rejection(p.request('GET', '/truncated?bytes=10', { retries: 1 }));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ProtocolError);
    expect(fixture.server.requests).toHaveLength(2);
    expect(p.stats.open).toBe(0);
  });

  it('records the failed attempt in history and succeeds on the next one', async () => {
    // The first connection is reset after the request arrives; the second one answers.
    const raw = await startRawServer(async (conn) => {
      await conn.readRequest();
      if (conn.id === 1) conn.destroy();
      else await conn.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
    });
    try {
      const p = new HTTPConnectionPool('127.0.0.1', { port: raw.port });
      fixture.track(p);
      const r = await p.request('GET', '/flaky');
      expect(r.data.toString()).toBe('ok');
      const history = r.retries!.history;
      expect(history).toHaveLength(1);
      expect(history[0]!.error).toBeInstanceOf(ProtocolError);
      expect(history[0]!.url).toBe('/flaky');
      expect(history[0]!.method).toBe('GET');
      expect(raw.totalConnections).toBe(2);
    } finally {
      fixture.closePools();
      await raw.close();
    }
  });
});
