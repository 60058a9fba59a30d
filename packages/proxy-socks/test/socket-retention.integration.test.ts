// Regression: the socks package starts a negotiation timer it never clears (only unrefs), and
// that timer's closure holds the SocksClient, which held our socket and the proxy options (with
// the password). With no connect timeout that timer lasts 24.8 days, so every closed tunnel
// stayed in memory that long.
import { forceGc, startSocksServer, startTestServer } from '@urlpool/test-server';
import { expect, it } from 'vitest';
import { createSocksConnector, resolveSocksProxy } from '../src/index.ts';

const gc = forceGc();

it('a closed tunnel socket is garbage-collectable (the socks timer does not retain it)', async () => {
  await using origin = await startTestServer();
  await using socks = await startSocksServer();
  const connect = createSocksConnector(resolveSocksProxy(socks.url('socks5', 'user:pw-in-memory')));
  const refs: Array<WeakRef<object>> = [];
  for (let i = 0; i < 5; i++) {
    const { socket } = await connect({
      host: '127.0.0.1',
      port: origin.port,
      timeout: undefined,
      signal: undefined,
      sourceAddress: undefined,
      socketOptions: { noDelay: true, keepAlive: false },
    });
    refs.push(new WeakRef(socket));
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }
  await socks.waitForOpenConnections(0);
  // Let the socks package's setImmediate after 'established' run, then collect.
  for (let i = 0; i < 5 && refs.some((r) => r.deref() !== undefined); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
  expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
});
