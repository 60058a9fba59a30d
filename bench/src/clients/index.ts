/** Every client the bench knows, in table order (the floor last). */
import type { ClientAdapter, Level } from '../types.ts';
import { axiosClient } from './axios.ts';
import { gotClient } from './got.ts';
import { nodeHttp } from './node-http.ts';
import { rawSocket } from './raw-socket.ts';
import { socksProxyAgentClient } from './socks-proxy-agent.ts';
import { undiciFetch } from './undici-fetch.ts';
import { undiciPool } from './undici-pool.ts';
import { undiciRequest } from './undici-request.ts';
import { urlpoolManager } from './urlpool-manager.ts';
import { urlpoolPool } from './urlpool-pool.ts';

/** The row each level's ratios are computed against (like with like). */
export const PEERS: Record<Level, string | null> = {
  pool: 'undici Pool',
  manager: 'undici.request',
  floor: null,
};

/** Name of the floor row (every row also gets a ratio to it). */
export const FLOOR = 'raw socket (floor)';

/** All clients, in the order rows are printed. */
export const ALL_CLIENTS: ClientAdapter[] = [
  urlpoolPool,
  undiciPool,
  urlpoolManager,
  undiciRequest,
  undiciFetch,
  nodeHttp,
  axiosClient,
  gotClient,
  socksProxyAgentClient,
  rawSocket,
];

/** Short names accepted by `--clients` and `--profile`. */
export const CLIENT_ALIASES: Record<string, string> = {
  urlpool: 'urlpool pool',
  'urlpool-pool': 'urlpool pool',
  pool: 'urlpool pool',
  manager: 'urlpool PoolManager',
  'urlpool-manager': 'urlpool PoolManager',
  'undici-pool': 'undici Pool',
  undici: 'undici.request',
  'undici.request': 'undici.request',
  fetch: 'undici.fetch',
  'undici.fetch': 'undici.fetch',
  node: 'node:http',
  http: 'node:http',
  'node:http': 'node:http',
  axios: 'axios',
  got: 'got',
  'socks-proxy-agent': 'node:http + socks-proxy-agent',
  raw: FLOOR,
  floor: FLOOR,
};
