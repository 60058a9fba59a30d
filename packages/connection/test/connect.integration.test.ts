import type { LookupFunction } from 'node:net';
import { createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  type ConnectRequest,
  ConnectTimeoutError,
  NameResolutionError,
  NewConnectionError,
} from '@urlpool/core';
import { startUnacceptingListener, type UnacceptingListener } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcp, createTcpConnector } from '../src/index.ts';

let blackhole: UnacceptingListener;
let listener: Server;
let listenerPort: number;

function request(port: number, extra: Partial<ConnectRequest> = {}): ConnectRequest {
  return {
    host: '127.0.0.1',
    port,
    timeout: undefined,
    signal: undefined,
    sourceAddress: undefined,
    socketOptions: { noDelay: true, keepAlive: false },
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    const socket = (await promise) as Duplex;
    socket.destroy();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the connect to fail');
}

/** A lookup that fails like getaddrinfo for an unknown name, without any network traffic. */
function failingLookup(code: string, calls: string[]): LookupFunction {
  return ((hostname: string, _options: unknown, callback: (error: Error) => void) => {
    calls.push(hostname);
    const error = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), {
      code,
      errno: -3008,
      syscall: 'getaddrinfo',
      hostname,
    });
    process.nextTick(callback, error);
  }) as unknown as LookupFunction;
}

beforeAll(async () => {
  blackhole = await startUnacceptingListener();
  listener = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerPort = (listener.address() as { port: number }).port;
});
afterAll(async () => {
  await blackhole.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

describe('TCP connector errors', () => {
  it('connects to a listening loopback port', async () => {
    const { socket, alpnProtocol } = await connectTcp(request(listenerPort));
    expect(alpnProtocol).toBeNull();
    expect(socket.writable).toBe(true);
    socket.destroy();
  });

  it('refused: NewConnectionError naming the address, with the errno error as cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(connectTcp(request(port)));
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error).toBeInstanceOf(ConnectTimeoutError); // urllib3's hierarchy
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('a connect that never completes: ConnectTimeoutError after the timeout', async () => {
    const started = performance.now();
    const error = await rejection(connectTcp(request(blackhole.port, { timeout: 250 })));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error).not.toBeInstanceOf(NewConnectionError);
    expect(error.message).toBe(
      `Connection to 127.0.0.1:${blackhole.port} timed out. (connect timeout=250ms)`,
    );
    expect(elapsed).toBeGreaterThanOrEqual(245);
    expect(elapsed).toBeLessThan(3000);
  });

  it('an abort while connecting rejects with the signal reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(
      connectTcp(request(blackhole.port, { signal: controller.signal })),
    );
    expect(error.name).toBe('AbortError');
  });

  it('an aborted signal rejects at once', async () => {
    const error = await rejection(
      connectTcp(request(listenerPort, { signal: AbortSignal.abort() })),
    );
    expect(error.name).toBe('AbortError');
  });
});

describe('name resolution', () => {
  // The lookup is injected, so no DNS query ever leaves the machine.
  for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
    it(`a lookup failing with ${code} gives NameResolutionError`, async () => {
      const calls: string[] = [];
      const connect = createTcpConnector({ lookup: failingLookup(code, calls) });
      const error = await rejection(
        connect(request(80, { host: 'no-such-host.invalid', timeout: 5000 })),
      );
      expect(error).toBeInstanceOf(NameResolutionError);
      expect(error).toBeInstanceOf(NewConnectionError);
      expect(error.message).toContain('no-such-host.invalid');
      expect((error.cause as NodeJS.ErrnoException).code).toBe(code);
      expect(calls).toEqual(['no-such-host.invalid']);
    });
  }

  it('an injected lookup that resolves is used for the connect', async () => {
    const calls: string[] = [];
    const lookup = ((hostname: string, options: { all?: boolean }, callback: Function) => {
      calls.push(hostname);
      if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as unknown as LookupFunction;
    const connect = createTcpConnector({ lookup });
    const { socket } = await connect(request(listenerPort, { host: 'my-service.test' }));
    expect(calls).toEqual(['my-service.test']);
    socket.destroy();
  });

  it('IP literals never go through the lookup', async () => {
    const calls: string[] = [];
    const connect = createTcpConnector({ lookup: failingLookup('ENOTFOUND', calls) });
    const { socket } = await connect(request(listenerPort));
    expect(calls).toEqual([]);
    socket.destroy();
  });

  it('rejects a lookup that is not a function', () => {
    expect(() => createTcpConnector({ lookup: 'dns' as unknown as LookupFunction })).toThrow(
      TypeError,
    );
  });
});

describe('connectTcp: socket options reach the socket', () => {
  it('binds the source address, with and without a port', async () => {
    const { socket } = await connectTcp(
      request(listenerPort, { sourceAddress: { host: '127.0.0.1' } }),
    );
    expect((socket as import('node:net').Socket).localAddress).toBe('127.0.0.1');
    socket.destroy();
    // A free local port: bind once to port 0 to learn one.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const freePort = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const bound = await connectTcp(
      request(listenerPort, { sourceAddress: { host: '127.0.0.1', port: freePort } }),
    );
    expect((bound.socket as import('node:net').Socket).localPort).toBe(freePort);
    bound.socket.destroy();
  });

  it('a lookup given to createTcpConnector is used for names', async () => {
    const calls: string[] = [];
    // Node 20 asks for every address (`all: true`, for autoSelectFamily) or for one.
    const lookup = ((hostname: string, options: { all?: boolean }, cb: Function) => {
      calls.push(hostname);
      if (options.all) process.nextTick(cb, null, [{ address: '127.0.0.1', family: 4 }]);
      else process.nextTick(cb, null, '127.0.0.1', 4);
    }) as unknown as LookupFunction;
    const { socket } = await createTcpConnector({ lookup })(
      request(listenerPort, { host: 'bench.invalid' }),
    );
    expect(calls).toEqual(['bench.invalid']);
    socket.destroy();
  });
});
