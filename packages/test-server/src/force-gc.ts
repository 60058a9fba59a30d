import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let cached: (() => void) | undefined;

/**
 * Returns a function that runs a full GC, also in a process started without --expose-gc (the
 * flag can be set at run time). Memory tests call it before sampling so they measure what is
 * live, not garbage the runtime's GC heuristics (which differ between Node 20 and 24) have not
 * collected yet.
 */
export function forceGc(): () => void {
  if (cached !== undefined) return cached;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) {
    cached = exposed;
  } else {
    setFlagsFromString('--expose-gc');
    cached = runInNewContext('gc') as () => void;
  }
  return cached;
}
