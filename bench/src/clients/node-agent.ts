/** The node:http Agent used by node:http, axios and got, with the scenario's connection limits. */
import { Agent } from 'node:http';
import type { RequestSpec } from '../types.ts';

/**
 * keepAlive, `maxSockets` = per-origin limit; in the many-origins scenario `maxTotalSockets`
 * caps sockets across origins like `numPools` caps pools.
 */
export function createNodeAgent(spec: RequestSpec): Agent {
  return new Agent({
    keepAlive: true,
    maxSockets: spec.connectionsPerOrigin,
    ...(spec.maxOrigins === null ? {} : { maxTotalSockets: spec.maxOrigins }),
  });
}
