import { Retry, Timeout } from '@urlpool/core';
import { createMemoryTransport } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

describe('pools are keyed on resolved option values', () => {
  it('a default spelt out, or a timeout given another way, names the same pool', async () => {
    await using http = new PoolManager({ timeout: 5000 });
    const base = http.connectionFromHost('h.invalid', 80, 'http');
    expect(http.connectionFromHost('h.invalid', 80, 'http', { maxsize: 1, block: false })).toBe(
      base,
    );
    expect(
      http.connectionFromHost('h.invalid', 80, 'http', { timeout: { connect: 5000, read: 5000 } }),
    ).toBe(base);
    expect(http.connectionFromHost('H.INVALID', undefined, 'HTTP')).toBe(base);
    expect(http.connectionFromHost('h.invalid', 80, 'http', { timeout: 1000 })).not.toBe(base);
    expect(http.connectionFromHost('h.invalid', 80, 'http', { maxsize: 2 })).not.toBe(base);
  });

  it('IPv6 with or without brackets is one origin', async () => {
    await using http = new PoolManager();
    expect(http.connectionFromHost('[::1]', 8080)).toBe(http.connectionFromHost('::1', 8080));
  });

  it('instances count by identity: the same Retry or connector shares a pool', async () => {
    const retries = new Retry({ total: 2 });
    const transport = createMemoryTransport(() => ({ status: 200 }));
    await using http = new PoolManager({ ...transport.options });
    const a = http.connectionFromHost('h.invalid', 80, 'http', { retries });
    expect(http.connectionFromHost('h.invalid', 80, 'http', { retries })).toBe(a);
    expect(
      http.connectionFromHost('h.invalid', 80, 'http', { retries: new Retry({ total: 2 }) }),
    ).not.toBe(a);
    expect(
      http.connectionFromHost('h.invalid', 80, 'http', { timeout: new Timeout({ connect: 1 }) }),
    ).not.toBe(a);
  });

  it('bad option values throw from the manager constructor, not at the first request', () => {
    expect(() => new PoolManager({ maxsize: 0 })).toThrow(/Invalid maxsize 0/);
    expect(() => new PoolManager({ targetForm: 'weird' as 'origin' })).toThrow(
      /Invalid targetForm/,
    );
  });
});
