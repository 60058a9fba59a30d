// Guide: "Customizing Pool Behavior".
import assert from 'node:assert/strict';
import { HTTPConnectionPool, PoolManager } from 'urlpool';
import type { Example } from './example-context.ts';

export const customizingPoolBehavior: Example = {
  title: 'Customizing Pool Behavior',
  async run({ server, log }) {
    // PoolManager keeps up to numPools pools (default 10); more hosts -> more pools.
    const http = new PoolManager({ numPools: 50 });
    const r = await http.request('GET', `${server.url}/get`);
    log(`PoolManager({ numPools: 50 }) -> GET /get: ${r.status}, ${http.pools.size} pool(s)`);
    assert.equal(r.status, 200);
    http.clear();

    // maxsize: how many connections a pool keeps for reuse. Without block, extra connections
    // are opened under load but not kept.
    server.resetStats();
    const loose = new PoolManager({ maxsize: 2 });
    await Promise.all(
      Array.from({ length: 8 }, () => loose.request('GET', `${server.url}/delay/20`)),
    );
    const loosePool = loose.connectionFromUrl(server.url);
    log(
      `PoolManager({ maxsize: 2 }), 8 concurrent requests: server saw up to ${server.maxOpenConnections} sockets at once; the pool kept ${loosePool.stats.idle}`,
    );
    assert.ok(server.maxOpenConnections > 2);
    assert.equal(loosePool.stats.idle, 2);
    loose.clear();
    await server.waitForOpenConnections(0);

    // block: true makes maxsize a hard limit: requests wait for a free connection.
    server.resetStats();
    const pool = new HTTPConnectionPool('127.0.0.1', {
      port: server.port,
      maxsize: 2,
      block: true,
    });
    await Promise.all(Array.from({ length: 8 }, () => pool.request('GET', '/delay/20')));
    log(
      `HTTPConnectionPool(maxsize: 2, block: true), 8 concurrent requests: at most ${server.maxOpenConnections} sockets, ${pool.numConnections} connections opened, ${pool.numRequests} requests`,
    );
    assert.ok(server.maxOpenConnections <= 2);
    assert.equal(pool.numConnections, 2);
    pool.close();
    await server.waitForOpenConnections(0);
  },
};
