// Guide: "Proxies", its SOCKS part: SOCKSProxyManager('socks5://localhost:8889/'), here through
// a real SOCKS server (Debian's dante, started on a loopback port and forwarding to loopback).
import assert from 'node:assert/strict';
import { startDante } from '@urlpool/test-server';
import { NewConnectionError, SOCKSProxyManager } from 'urlpool';
import type { Example } from './example-context.ts';

export const socksProxies: Example = {
  title: 'Proxies: SOCKS',
  async run({ server, log, https }) {
    await using dante = await startDante({ blockedPorts: [9] });
    log(`dante listening on ${dante.url('socks5')}`);

    // The guide's call: the usage is the same as PoolManager.
    const proxy = new SOCKSProxyManager(`socks5://localhost:${dante.port}/`);
    const r = await proxy.request('GET', `${server.url}/get`);
    log(`SOCKSProxyManager('socks5://localhost:${dante.port}/') -> GET /get: ${r.status}`);
    assert.equal(r.status, 200);

    // The pool to each target is kept alive behind the proxy: one tunnel for many requests.
    for (let i = 0; i < 5; i++) await proxy.request('GET', `${server.url}/get?i=${i}`);
    await waitFor(() => dante.tunnels >= 1);
    const connections = proxy.connectionFromUrl(server.url).numConnections;
    log(`6 requests: ${connections} connection opened, dante logged ${dante.tunnels} tunnel`);
    assert.equal(connections, 1);
    assert.equal(dante.tunnels, 1);
    proxy.clear();

    // socks5h: the proxy resolves the name; https targets get TLS over the SOCKS socket.
    const { certs, server: secure } = await https();
    const remote = new SOCKSProxyManager(dante.url('socks5h'), { caCerts: certs.ca.certFile });
    const s = await remote.request('GET', `https://localhost:${secure.port}/get`);
    log(`socks5h + https://localhost:${secure.port}/get (verified with the test CA): ${s.status}`);
    assert.equal(s.status, 200);
    remote.clear();

    // A refusal names the SOCKS reply.
    const strict = new SOCKSProxyManager(dante.url('socks5'), { retries: false });
    try {
      await strict.request('GET', 'http://127.0.0.1:9/');
      assert.fail('dante should refuse port 9');
    } catch (error) {
      assert.ok(error instanceof NewConnectionError);
      assert.match(error.message, /connection not allowed by ruleset/);
      log(`a port dante's rules block -> ${error.name}: ${error.message}`);
    }
    strict.clear();
  },
};

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}
