/** The scenarios every client runs, against the same server in the same process run. */
import {
  BIG_BYTES,
  GZIP_DECODED_BYTES,
  ORIGIN_COUNT,
  POST_BODY_BYTES,
  POST_RESPONSE_BYTES,
  SMALL_BYTES,
} from './sizes.ts';
import type { RequestSpec, Scenario, Target } from './types.ts';

function target(port: number): Target {
  return { host: '127.0.0.1', port, origin: `http://127.0.0.1:${port}` };
}

/** Pools a PoolManager keeps in the many-origins scenario (`numPools`). */
export const MANY_ORIGINS_POOLS = 50;

/**
 * A fixed pseudo-random origin sequence (same for every client and every run): with 200 origins
 * and 50 pools about a quarter of requests find a warm pool; the rest open a connection and
 * evict a pool, which is the cost this scenario measures.
 */
function originSequence(count: number, length: number): Uint16Array {
  const seq = new Uint16Array(length);
  let x = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seq[i] = (x >>> 0) % count;
  }
  return seq;
}

function single(
  name: string,
  description: string,
  concurrency: number,
  unit: Scenario['unit'],
  spec: Omit<RequestSpec, 'targets' | 'connectionsPerOrigin' | 'maxOrigins'>,
  port: number,
): Scenario {
  const only = target(port);
  return {
    name,
    description,
    concurrency,
    unit,
    trackRss: spec.stream,
    spec: { ...spec, targets: [only], connectionsPerOrigin: concurrency, maxOrigins: null },
    pickTarget: () => only,
  };
}

/** The SOCKS scenario's name: main starts a dante SOCKS server only when it runs. */
export const SOCKS_SCENARIO = 'socks5-c8';

/** Clients of the SOCKS scenario, and the one its ratios are to. */
export const SOCKS_CLIENTS = ['urlpool', 'node:http + socks-proxy-agent'] as const;

/**
 * Builds the scenario list for a server listening on `port` (+ `originPorts`); with
 * `socksProxy` (a `socks5://` URL of a running proxy) also the SOCKS scenario.
 */
export function buildScenarios(
  port: number,
  originPorts: number[],
  socksProxy: string | null = null,
): Scenario[] {
  const get = { method: 'GET', body: null, gzip: false, stream: false } as const;
  const origins = originPorts.map(target);
  const seq = originSequence(ORIGIN_COUNT, 65536);
  return [
    single(
      'small-c1',
      `GET ${SMALL_BYTES} B, concurrency 1`,
      1,
      'req/s',
      {
        ...get,
        path: '/small',
        expectedBytes: SMALL_BYTES,
      },
      port,
    ),
    single(
      'small-c32',
      `GET ${SMALL_BYTES} B, concurrency 32 (32 sockets)`,
      32,
      'req/s',
      {
        ...get,
        path: '/small',
        expectedBytes: SMALL_BYTES,
      },
      port,
    ),
    single(
      'post-c16',
      'POST 1 KiB body, concurrency 16 (16 sockets)',
      16,
      'req/s',
      {
        ...get,
        method: 'POST',
        path: '/post',
        body: Buffer.alloc(POST_BODY_BYTES, 'p'),
        expectedBytes: POST_RESPONSE_BYTES,
      },
      port,
    ),
    single(
      'stream-64m',
      'GET 64 MiB streamed, concurrency 1',
      1,
      'MB/s',
      {
        ...get,
        path: '/big',
        stream: true,
        expectedBytes: BIG_BYTES,
      },
      port,
    ),
    single(
      'gzip-1m',
      'GET 1 MiB gzip (decoded), concurrency 4',
      4,
      'MB/s',
      {
        ...get,
        path: '/gzip',
        gzip: true,
        expectedBytes: GZIP_DECODED_BYTES,
      },
      port,
    ),
    {
      name: 'origins-200',
      description: `GET ${SMALL_BYTES} B over ${ORIGIN_COUNT} origins, ${MANY_ORIGINS_POOLS} pools of 1, concurrency 16`,
      concurrency: 16,
      unit: 'req/s',
      trackRss: false,
      spec: {
        ...get,
        path: '/small',
        expectedBytes: SMALL_BYTES,
        targets: origins,
        connectionsPerOrigin: 1,
        maxOrigins: MANY_ORIGINS_POOLS,
      },
      pickTarget: (i) => origins[seq[i & 0xffff]],
    },
    ...(socksProxy === null ? [] : [socksScenario(port, socksProxy)]),
  ];
}

/** GET /small through a real SOCKS5 proxy (dante), 8 kept-alive tunnels. */
function socksScenario(port: number, socksProxy: string): Scenario {
  const only = target(port);
  return {
    name: SOCKS_SCENARIO,
    description: `GET ${SMALL_BYTES} B through a SOCKS5 proxy (dante), concurrency 8 (8 tunnels)`,
    concurrency: 8,
    unit: 'req/s',
    trackRss: false,
    clients: SOCKS_CLIENTS,
    baseline: SOCKS_CLIENTS[1],
    spec: {
      method: 'GET',
      body: null,
      gzip: false,
      stream: false,
      path: '/small',
      expectedBytes: SMALL_BYTES,
      targets: [only],
      connectionsPerOrigin: 8,
      maxOrigins: null,
      socksProxy,
    },
    pickTarget: () => only,
  };
}
