/**
 * One memory measurement in a fresh process (forked by memory.ts): a client opens `count` kept-
 * alive connections (one `/hold` request on each, which the server answers only once all are
 * in, so exactly `count` connections exist), they go idle, and the process reports how much
 * RSS and V8 heap (+ external) grew over the baseline taken after setup. Per-pool runs spread
 * one connection each over `count` origins through a manager.
 */
import { Agent as NodeAgent, request as nodeRequest } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HTTPConnectionPool, PoolManager } from 'urlpool';
import { undici } from './undici.ts';

interface Job {
  client: string;
  mode: 'connections' | 'pools';
  count: number;
  port: number;
  originPorts: number[];
}

type Requester = (port: number, path: string) => Promise<void>;

const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<{ rss: number; heap: number }> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await sleep(50);
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external + m.arrayBuffers };
}

function floorRequester(): { send: Requester; keep: unknown[] } {
  const keep: unknown[] = [];
  const send: Requester = (port, path) =>
    new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      });
      socket.once('data', () => {
        // The warm-up request's socket is not kept (the floor never reuses one).
        if (path === '/small') socket.destroy();
        else keep.push(socket);
        resolve();
      });
      socket.once('error', reject);
    });
  return { send, keep };
}

function setup(job: Job): { send: Requester; keep: unknown } {
  const perOrigin = job.mode === 'connections' ? job.count : 1;
  switch (job.client) {
    case 'urlpool': {
      if (job.mode === 'connections') {
        const pool = new HTTPConnectionPool('127.0.0.1', {
          port: job.port,
          maxsize: job.count,
          block: true,
        });
        return {
          send: async (_port, path) => void (await pool.request('GET', path)).data,
          keep: pool,
        };
      }
      // + 1: the warm-up request's origin is a pool too.
      const manager = new PoolManager({ numPools: job.count + 1, maxsize: 1, block: true });
      return {
        send: async (port, path) =>
          void (await manager.request('GET', `http://127.0.0.1:${port}${path}`)).data,
        keep: manager,
      };
    }
    case 'undici': {
      const options = { connections: perOrigin, pipelining: 1, keepAliveTimeout: 600_000 };
      if (job.mode === 'connections') {
        const pool = new undici.Pool(`http://127.0.0.1:${job.port}`, options);
        return {
          send: async (_port, path) =>
            void (await (await pool.request({ method: 'GET', path })).body.bytes()),
          keep: pool,
        };
      }
      const agent = new undici.Agent(options);
      return {
        send: async (port, path) =>
          void (await (
            await undici.request(`http://127.0.0.1:${port}${path}`, { dispatcher: agent })
          ).body.bytes()),
        keep: agent,
      };
    }
    case 'node:http': {
      const agent = new NodeAgent({
        keepAlive: true,
        maxSockets: perOrigin,
        // maxFreeSockets defaults to 256: node would close the other idle sockets.
        maxFreeSockets: perOrigin,
      });
      return {
        send: (port, path) =>
          new Promise((resolve, reject) => {
            nodeRequest({ agent, host: '127.0.0.1', port, path }, (res) => {
              res.resume();
              res.on('end', resolve);
            })
              .on('error', reject)
              .end();
          }),
        keep: agent,
      };
    }
    case 'floor':
      return floorRequester();
    default:
      throw new Error(`unknown client ${job.client}`);
  }
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as Job;
  const { send, keep } = setup(job);
  // One request first, so the baseline already has the client's code loaded and compiled (in
  // pools mode to the main port, one more connection, which the parent subtracts).
  await send(job.port, '/small');
  const before = await settle();
  const path = `/hold?n=${job.count}`;
  const ports =
    job.mode === 'connections'
      ? Array.from({ length: job.count }, () => job.port)
      : job.originPorts.slice(0, job.count);
  await Promise.all(ports.map((port) => send(port, path)));
  const after = await settle();
  process.send?.({
    rss: after.rss - before.rss,
    heap: after.heap - before.heap,
    extra: job.mode === 'pools' && job.client !== 'floor' ? 1 : 0,
    kept: keep !== undefined,
  });
  // Stay alive (connections open) until the parent has read the server's socket count.
  process.on('message', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.send?.({ error: String(error instanceof Error ? error.message : error) });
  process.exit(1);
});
