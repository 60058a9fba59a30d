// Refusals, stalls, resets and aborts: each failure is the contract's typed error, with a
// message naming the SOCKS reply and never the credentials, and no socket is left behind.
import { createServer, type Server, type Socket } from 'node:net';
import {
  ConnectTimeoutError,
  MaxRetryError,
  NameResolutionError,
  NewConnectionError,
  Timeout,
} from '@urlpool/core';
import type { RequestOptions } from '@urlpool/pool';
import {
  type DanteServer,
  startDante,
  startSocksServer,
  startTestServer,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSocksConnector,
  resolveSocksProxy,
  type SOCKSProxyManagerOptions,
} from '../src/index.ts';
import { type Origins, startOrigins } from './helpers/origins.ts';
import { rejection } from './helpers/rejection.ts';

let origins: Origins;
let dante: DanteServer;
const BLOCKED_PORT = 9; // dante refuses it by rule; nothing listens there anyway

beforeAll(async () => {
  [origins, dante] = await Promise.all([
    startOrigins(),
    startDante({ blockedPorts: [BLOCKED_PORT] }),
  ]);
});
afterEach(() => origins.clearManagers());
afterAll(async () => {
  await Promise.all([origins?.close(), dante?.close()]);
});

function get(
  proxyUrl: string,
  url: string,
  request: RequestOptions = {},
  manager: SOCKSProxyManagerOptions = {},
): Promise<unknown> {
  return origins.manager(proxyUrl, { retries: false, ...manager }).request('GET', url, request);
}

describe('refusals name the SOCKS reply', () => {
  it.each([
    [0x01, 'general SOCKS server failure'],
    [0x02, 'connection not allowed by ruleset'],
    [0x03, 'network unreachable'],
    [0x04, 'host unreachable'],
    [0x05, 'connection refused'],
    [0x06, 'TTL expired'],
    [0x07, 'command not supported'],
    [0x08, 'address type not supported'],
  ])('SOCKS5 reply %i: %s', async (code, words) => {
    await using socks = await startSocksServer({ refuse: { socks5: code } });
    const error = await rejection(get(socks.url('socks5h'), `${origins.http.url}/get`));
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error.message).toBe(
      `Failed to establish a new connection to 127.0.0.1:${origins.http.port} through the SOCKS5 proxy 127.0.0.1:${socks.port}: ${words} (SOCKS5 reply 0x0${code})`,
    );
    await socks.waitForOpenConnections(0);
  });

  it('SOCKS4 reply 91 from socks4 and socks4a', async () => {
    await using socks = await startSocksServer({ refuse: { socks4: 91 } });
    for (const scheme of ['socks4', 'socks4a'] as const) {
      const error = await rejection(get(socks.url(scheme), `${origins.http.url}/get`));
      expect(error).toBeInstanceOf(NewConnectionError);
      expect(error.message).toMatch(/: request rejected or failed \(SOCKS4 reply 91\)$/);
    }
  });

  it('dante refusing a destination by rule: "connection not allowed by ruleset" (socks5), reply 91 (socks4)', async () => {
    const five = await rejection(get(dante.url('socks5'), `http://127.0.0.1:${BLOCKED_PORT}/`));
    expect(five).toBeInstanceOf(NewConnectionError);
    expect(five.message).toMatch(/connection not allowed by ruleset \(SOCKS5 reply 0x02\)$/);
    const four = await rejection(get(dante.url('socks4'), `https://127.0.0.1:${BLOCKED_PORT}/`));
    expect(four).toBeInstanceOf(NewConnectionError);
    expect(four.message).toMatch(/request rejected or failed \(SOCKS4 reply 91\)$/);
  });

  it('a target the proxy cannot reach: connection refused (SOCKS5 reply 0x05)', async () => {
    await using socks = await startSocksServer();
    const closed = await startTestServer();
    const port = closed.port;
    await closed.close();
    const error = await rejection(get(socks.url('socks5'), `http://127.0.0.1:${port}/`));
    expect(error.message).toMatch(/connection refused \(SOCKS5 reply 0x05\)$/);
  });
});

describe('the proxy itself fails', () => {
  it('nothing listens on the proxy port: NewConnectionError naming the proxy', async () => {
    const gone = await startSocksServer();
    const url = gone.url('socks5h');
    await gone.close();
    const error = await rejection(
      get(url.replace('socks5h://', 'socks5h://u:hunter2@'), `${origins.http.url}/get`),
    );
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error.message).toMatch(
      /cannot reach the SOCKS5 proxy 127\.0\.0\.1:\d+ \(connect ECONNREFUSED/,
    );
    expect(error.message).not.toContain('hunter2');
  });

  it.each(['greeting', 'auth', 'request'] as const)(
    'reset at the %s: NewConnectionError',
    async (stage) => {
      await using socks = await startSocksServer({
        resetAt: stage,
        ...(stage === 'auth' ? { auth: { username: 'u', password: 'p' } } : {}),
      });
      const error = await rejection(get(socks.url('socks5', 'u:p'), `${origins.http.url}/get`));
      expect(error).toBeInstanceOf(NewConnectionError);
      expect(error).not.toBeInstanceOf(NameResolutionError);
      expect(error.message).toMatch(
        /SOCKS5 proxy 127\.0\.0\.1:\d+: (read ECONNRESET|the proxy closed the connection during the SOCKS5 negotiation)$/,
      );
      await socks.waitForOpenConnections(0);
    },
  );

  it('a server that does not speak SOCKS: NewConnectionError', async () => {
    const error = await rejection(
      get(`socks5://127.0.0.1:${origins.http.port}`, `${origins.http.url}/get`),
    );
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error.message).toMatch(
      /SOCKS5 proxy 127\.0\.0\.1:\d+: invalid SOCKS5 reply from the proxy/,
    );
    const four = await rejection(
      get(`socks4://127.0.0.1:${origins.http.port}`, `${origins.http.url}/get`),
    );
    expect(four.message).toMatch(/unknown SOCKS4 reply code \(is this a SOCKS4 proxy\?\)$/);
  });
});

describe('timeouts', () => {
  it.each(['greeting', 'request'] as const)(
    'a proxy stalling at the %s: ConnectTimeoutError after the connect timeout',
    async (stage) => {
      await using socks = await startSocksServer({ stallAt: stage });
      const started = performance.now();
      const error = await rejection(
        get(socks.url('socks5h'), `${origins.http.url}/get`, {
          timeout: new Timeout({ connect: 200, read: 5000 }),
        }),
      );
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(ConnectTimeoutError);
      expect(error).not.toBeInstanceOf(NewConnectionError);
      expect(error.message).toBe(
        `Connection to 127.0.0.1:${origins.http.port} through the SOCKS5 proxy 127.0.0.1:${socks.port} timed out. (connect timeout=200ms)`,
      );
      expect(elapsed).toBeGreaterThanOrEqual(190);
      expect(elapsed).toBeLessThan(3000);
      await socks.waitForOpenConnections(0);
    },
  );

  it('the connect timeout covers proxy TCP + negotiation + the origin TLS handshake, once', async () => {
    // An "https" origin that accepts TCP and never answers the ClientHello.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      // The proxy takes 250 ms of the 400 ms budget; the TLS handshake gets only the rest.
      await using socks = await startSocksServer({ replyDelayMs: 250 });
      const started = performance.now();
      const error = await rejection(
        get(socks.url('socks5'), `https://127.0.0.1:${port}/`, {
          timeout: new Timeout({ connect: 400, read: 5000 }),
        }),
      );
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(ConnectTimeoutError);
      expect(error.message).toMatch(/timed out/);
      expect(elapsed).toBeGreaterThanOrEqual(390);
      // One budget for the whole attempt: a fresh 400 ms for TLS would end past 650 ms.
      expect(elapsed).toBeLessThan(620);
      expect(socks.tunnels).toBe(1);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('retries', () => {
  it('SOCKS failures are connect errors: retried (even for POST), then MaxRetryError with the reason', async () => {
    await using socks = await startSocksServer({ stallAt: 'greeting' });
    const proxy = origins.manager(socks.url('socks5h'), { retries: 2 });
    const error = await rejection(
      proxy.request('POST', `${origins.http.url}/post`, {
        body: 'x',
        timeout: new Timeout({ connect: 100, read: 5000 }),
      }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toMatch(/through the SOCKS5 proxy .* timed out/);
    expect(socks.totalConnections).toBe(3);
    expect(origins.http.totalConnections).toBe(0);
  });
});

describe('a budget that runs out at any stage', () => {
  it('leaves no socket behind (regression: the proxy socket leaked when it ran out right after TCP connect)', async () => {
    await using socks = await startSocksServer();
    const connect = createSocksConnector(resolveSocksProxy(socks.url('socks5')));
    const outcomes = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const timeout = 0.05 + (i % 10) * 0.3;
      try {
        const { socket } = await connect({
          host: '127.0.0.1',
          port: origins.http.port,
          timeout,
          signal: undefined,
          sourceAddress: undefined,
          socketOptions: { noDelay: true, keepAlive: false },
        });
        outcomes.add('connected');
        socket.destroy();
      } catch (error) {
        expect(error).toBeInstanceOf(ConnectTimeoutError);
        expect(error).not.toBeInstanceOf(NewConnectionError);
        outcomes.add('timed out');
      }
    }
    expect(outcomes.has('timed out')).toBe(true);
    await socks.waitForOpenConnections(0);
  });
});

describe('abort signal', () => {
  it('aborts a negotiation in progress and leaves no socket', async () => {
    await using socks = await startSocksServer({ stallAt: 'greeting' });
    const controller = new AbortController();
    const pending = get(socks.url('socks5h'), `${origins.http.url}/get`, {
      signal: controller.signal,
    });
    await socks.waitForOpenConnections(1);
    controller.abort();
    const error = await rejection(pending);
    expect(error.name).toBe('AbortError');
    await socks.waitForOpenConnections(0);
  });

  it('an already aborted signal never contacts the proxy', async () => {
    await using socks = await startSocksServer();
    const error = await rejection(
      get(socks.url('socks5'), `${origins.http.url}/get`, { signal: AbortSignal.abort() }),
    );
    expect(error.name).toBe('AbortError');
    expect(socks.totalConnections).toBe(0);
  });
});

describe('destinations', () => {
  it('IPv6 targets: socks5 sends the address, socks5h too; dante forwards to [::1]', async () => {
    await using origin6 = await startTestServer({ host: '::1' });
    await using socks = await startSocksServer();
    for (const scheme of ['socks5', 'socks5h'] as const) {
      const r = await origins
        .manager(socks.url(scheme))
        .request('GET', `http://[::1]:${origin6.port}/get`);
      expect(r.status).toBe(200);
    }
    expect(socks.requests.map((r) => [r.addressType, r.host])).toEqual([
      ['ipv6', '::1'],
      ['ipv6', '::1'],
    ]);
    const viaDante = await origins
      .manager(dante.url('socks5'))
      .request('GET', `http://[::1]:${origin6.port}/get`);
    expect(viaDante.status).toBe(200);
    await origins.clearManagers();
    await origin6.waitForOpenConnections(0);
  });

  it('a proxy on an IPv6 address: socks5h://[::1]:port', async () => {
    await using socks = await startSocksServer({ host: '::1' });
    const r = await origins.manager(socks.url('socks5h')).request('GET', `${origins.http.url}/get`);
    expect(r.status).toBe(200);
    expect(socks.url('socks5h')).toMatch(/^socks5h:\/\/\[::1\]:\d+$/);
    expect(socks.tunnels).toBe(1);
  });

  it('SOCKS4 cannot carry IPv6: NewConnectionError before the proxy is contacted', async () => {
    await using socks = await startSocksServer();
    for (const scheme of ['socks4', 'socks4a'] as const) {
      const error = await rejection(get(socks.url(scheme), 'http://[::1]:8080/'));
      expect(error).toBeInstanceOf(NewConnectionError);
      expect(error.message).toMatch(
        /SOCKS4 cannot carry IPv6 addresses; use socks5:\/\/ or socks5h:\/\//,
      );
    }
    expect(socks.totalConnections).toBe(0);
  });

  it('local DNS (socks4, socks5) uses the lookup option; its failure is NameResolutionError', async () => {
    await using socks = await startSocksServer();
    const names: string[] = [];
    const lookup = ((
      host: string,
      _o: unknown,
      cb: (e: Error | null, a: string, f: number) => void,
    ) => {
      names.push(host);
      if (host === 'origin.test') cb(null, '127.0.0.1', 4);
      else
        cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), '', 0);
    }) as never;
    const ok = await origins
      .manager(socks.url('socks4'), { lookup })
      .request('GET', `http://origin.test:${origins.http.port}/get`);
    expect(ok.status).toBe(200);
    expect(socks.requests[0]).toMatchObject({ addressType: 'ipv4', host: '127.0.0.1' });
    const error = await rejection(get(socks.url('socks5'), 'http://nowhere.test/', {}, { lookup }));
    expect(error).toBeInstanceOf(NameResolutionError);
    expect(names).toEqual(['origin.test', 'nowhere.test']);
    expect(socks.totalConnections).toBe(1);
  });
});
