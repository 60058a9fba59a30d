/** The node:http(s) Agent used by node:http, axios and got, with the scenario's connection limits. */
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { RequestSpec } from '../types.ts';

/**
 * keepAlive, `maxSockets` = per-origin limit; in the many-origins scenarios `maxTotalSockets`
 * caps sockets across origins like `numPools` caps pools. An https scenario gets an https.Agent
 * trusting the bench CA (it caches TLS sessions, `maxCachedSessions` 100, so it resumes).
 */
export function createNodeAgent(spec: RequestSpec): Agent {
  const options = {
    keepAlive: true,
    maxSockets: spec.connectionsPerOrigin,
    ...(spec.maxOrigins === null ? {} : { maxTotalSockets: spec.maxOrigins }),
  };
  return spec.tls === null ? new Agent(options) : new HttpsAgent({ ...options, ca: spec.tls.ca });
}
