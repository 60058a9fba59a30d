/** Shared checks for client adapters. */
import type { RequestSpec, Target } from '../types.ts';

/** Throws unless the response status is 200 (a client must not win by failing fast). */
export function expect200(client: string, status: number | undefined): void {
  if (status !== 200) throw new Error(`${client}: expected status 200, got ${status}`);
}

/** Request headers for a spec: gzip scenarios ask for gzip explicitly. */
export function gzipHeaders(gzip: boolean): Record<string, string> {
  return gzip ? { 'accept-encoding': 'gzip' } : {};
}

/** The one origin of a pool-level run (a pool serves one origin; managers serve many). */
export function poolTarget(spec: RequestSpec): Target {
  if (spec.targets.length !== 1) throw new Error('a pool serves one origin (see the manager row)');
  return spec.targets[0];
}
