import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A forced full GC, also without --expose-gc (the flag can be set at run time). Memory tests
 * call it before sampling so they measure what is live, not garbage that the runtime's GC
 * heuristics (which differ between Node 20 and 24) have not collected yet.
 */
export function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
