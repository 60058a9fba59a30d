/** Every client the bench knows, in table order (the floor last). */
import type { ClientAdapter } from '../types.ts';
import { axiosClient } from './axios.ts';
import { gotClient } from './got.ts';
import { nodeHttp } from './node-http.ts';
import { rawSocket } from './raw-socket.ts';
import { socksProxyAgentClient } from './socks-proxy-agent.ts';
import { undiciFetch } from './undici-fetch.ts';
import { undiciRequest } from './undici-request.ts';
import { urlpoolClient } from './urlpool.ts';

/** Name every ratio is computed against. */
export const BASELINE = 'undici.request';

/** All clients, in the order rows are printed. */
export const ALL_CLIENTS: ClientAdapter[] = [
  urlpoolClient,
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
  urlpool: 'urlpool',
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
  raw: 'raw socket (floor)',
  floor: 'raw socket (floor)',
};
