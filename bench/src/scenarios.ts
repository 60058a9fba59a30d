/** The scenarios every client runs, against the same server in the same process run. */
import { readFileSync } from 'node:fs';
import type { ServerHandle } from './server/server-handle.ts';
import {
  BIG_BYTES,
  GZIP_DECODED_BYTES,
  ORIGIN_COUNT,
  POST_BODY_BYTES,
  POST_RESPONSE_BYTES,
  SMALL_BYTES,
  UPLOAD_BYTES,
  UPLOAD_RESPONSE_BYTES,
} from './sizes.ts';
import type { RequestSpec, Scenario, Target, TlsSpec } from './types.ts';

function target(port: number, tls = false): Target {
  const scheme = tls ? 'https' : 'http';
  return { host: '127.0.0.1', port, origin: `${scheme}://127.0.0.1:${port}` };
}

/**
 * A fixed pseudo-random origin sequence (same for every client and every run): with 200 origins
 * and 50 pools about a quarter of requests find a warm pool; the rest open a connection and
 * evict a pool, which is the cost the churn scenario measures.
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

type Shape = Omit<
  RequestSpec,
  'targets' | 'connectionsPerOrigin' | 'maxOrigins' | 'tls' | 'connectionClose'
> &
  Partial<Pick<RequestSpec, 'connectionClose'>>;

function single(
  name: string,
  description: string,
  concurrency: number,
  unit: Scenario['unit'],
  spec: Shape,
  port: number,
  tls: TlsSpec | null = null,
): Scenario {
  const only = target(port, tls !== null);
  return {
    name,
    description,
    concurrency,
    unit,
    trackRss: spec.stream,
    spec: {
      connectionClose: false,
      ...spec,
      tls,
      targets: [only],
      connectionsPerOrigin: concurrency,
      maxOrigins: null,
    },
    pickTarget: () => only,
  };
}

/** GET /small on kept-alive connections: the request of the origins, SOCKS and tunnel runs. */
const SMALL_GET = {
  method: 'GET',
  body: null,
  gzip: false,
  stream: false,
  connectionClose: false,
  path: '/small',
  expectedBytes: SMALL_BYTES,
} as const;

function manyOrigins(originPorts: number[], pools: number): Scenario {
  const origins = originPorts.map((p) => target(p));
  const seq = originSequence(ORIGIN_COUNT, 65536);
  return {
    name: `origins-200-p${pools}`,
    description:
      `GET ${SMALL_BYTES} B over ${ORIGIN_COUNT} origins, ${pools} pools of 1, concurrency 16` +
      (pools < ORIGIN_COUNT ? ' (churn: most requests evict a pool and connect)' : ''),
    concurrency: 16,
    unit: 'req/s',
    trackRss: false,
    spec: {
      ...SMALL_GET,
      tls: null,
      targets: origins,
      connectionsPerOrigin: 1,
      maxOrigins: pools,
    },
    pickTarget: (i) => origins[seq[i & 0xffff]],
  };
}

/** What tells the proxied scenarios apart: their name, clients, origin and proxy. */
interface ProxiedScenario extends Pick<Scenario, 'name' | 'description' | 'clients' | 'peers'> {
  readonly target: Target;
  readonly tls: TlsSpec | null;
  /** `{ socksProxy }` or `{ httpProxy }` (a CONNECT proxy). */
  readonly proxy: Pick<RequestSpec, 'socksProxy'> | Pick<RequestSpec, 'httpProxy'>;
}

/** GET /small through a proxy, concurrency 8 on 8 kept-alive tunnels (SOCKS and CONNECT). */
function proxiedScenario({ target: only, tls, proxy, ...scenario }: ProxiedScenario): Scenario {
  return {
    ...scenario,
    concurrency: 8,
    unit: 'req/s',
    trackRss: false,
    spec: {
      ...SMALL_GET,
      tls,
      targets: [only],
      connectionsPerOrigin: 8,
      maxOrigins: null,
      ...proxy,
    },
    pickTarget: () => only,
  };
}

/** The SOCKS scenario's name: main starts a dante SOCKS server only when it runs. */
export const SOCKS_SCENARIO = 'socks5-c8';

/** Clients of the SOCKS scenario; its manager-level peer is the second. */
export const SOCKS_CLIENTS = ['urlpool PoolManager', 'node:http + socks-proxy-agent'] as const;

/** GET /small through a real SOCKS5 proxy (dante), 8 kept-alive tunnels. */
function socksScenario(port: number, socksProxy: string): Scenario {
  return proxiedScenario({
    name: SOCKS_SCENARIO,
    description: `GET ${SMALL_BYTES} B through a SOCKS5 proxy (dante), concurrency 8 (8 tunnels)`,
    clients: SOCKS_CLIENTS,
    peers: { manager: SOCKS_CLIENTS[1] },
    target: target(port),
    tls: null,
    proxy: { socksProxy },
  });
}

/** Clients of the CONNECT tunnel scenario; its manager-level peer is the second. */
export const TUNNEL_CLIENTS = ['urlpool PoolManager', 'undici.request'] as const;

/** GET /small over HTTPS through a CONNECT proxy: 8 kept-alive tunnels, TLS inside each. */
function tunnelScenario(tlsPort: number, proxyPort: number, tls: TlsSpec): Scenario {
  return proxiedScenario({
    name: 'tunnel-c8',
    description: `HTTPS GET ${SMALL_BYTES} B through a CONNECT proxy, concurrency 8 (8 tunnels)`,
    clients: TUNNEL_CLIENTS,
    target: target(tlsPort, true),
    tls,
    proxy: { httpProxy: `http://127.0.0.1:${proxyPort}` },
  });
}

/**
 * Builds the scenario list for a running bench server; with `socksProxy` (a `socks5://` URL of
 * a running proxy) also the SOCKS scenario.
 */
export function buildScenarios(server: ServerHandle, socksProxy: string | null = null): Scenario[] {
  const { port, tlsPort, proxyPort, originPorts } = server;
  const tls: TlsSpec = { caFile: server.caFile, ca: readFileSync(server.caFile, 'utf8') };
  const get = { method: 'GET', body: null, gzip: false, stream: false } as const;
  const small = { ...get, path: '/small', expectedBytes: SMALL_BYTES };
  return [
    single('small-c1', `GET ${SMALL_BYTES} B, concurrency 1`, 1, 'req/s', small, port),
    single(
      'small-c32',
      `GET ${SMALL_BYTES} B, concurrency 32 (32 sockets)`,
      32,
      'req/s',
      small,
      port,
    ),
    single(
      'tls-c1',
      `HTTPS GET ${SMALL_BYTES} B, keep-alive, concurrency 1`,
      1,
      'req/s',
      small,
      tlsPort,
      tls,
    ),
    single(
      'tls-c32',
      `HTTPS GET ${SMALL_BYTES} B, keep-alive, concurrency 32 (32 sockets)`,
      32,
      'req/s',
      small,
      tlsPort,
      tls,
    ),
    single(
      'tls-new-c4',
      `HTTPS GET ${SMALL_BYTES} B, a new TLS connection per request (server closes; session resumed), concurrency 4`,
      4,
      'req/s',
      { ...small, path: '/close', connectionClose: true },
      tlsPort,
      tls,
    ),
    single(
      'close-c4',
      `GET ${SMALL_BYTES} B, \`Connection: close\` per request (a TCP connect each), concurrency 4`,
      4,
      'req/s',
      { ...small, path: '/close', connectionClose: true },
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
      'upload-1m-c4',
      'POST 1 MiB Buffer body, concurrency 4 (4 sockets)',
      4,
      'req/s',
      {
        ...get,
        method: 'POST',
        path: '/upload',
        body: Buffer.alloc(UPLOAD_BYTES, 'u'),
        expectedBytes: UPLOAD_RESPONSE_BYTES,
      },
      port,
    ),
    single(
      'stream-64m',
      'GET 64 MiB streamed, concurrency 1',
      1,
      'MB/s',
      { ...get, path: '/big', stream: true, expectedBytes: BIG_BYTES },
      port,
    ),
    single(
      'gzip-1m',
      'GET 1 MiB gzip (decoded), concurrency 4',
      4,
      'MB/s',
      { ...get, path: '/gzip', gzip: true, expectedBytes: GZIP_DECODED_BYTES },
      port,
    ),
    manyOrigins(originPorts, ORIGIN_COUNT),
    manyOrigins(originPorts, 50),
    tunnelScenario(tlsPort, proxyPort, tls),
    ...(socksProxy === null ? [] : [socksScenario(port, socksProxy)]),
  ];
}
