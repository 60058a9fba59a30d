import type { HTTPWarning } from '../warning-classes.ts';

interface WarningProcess {
  emitWarning?: (warning: Error) => void;
}

/**
 * Browsers and workers (this file is chosen by the package's `#platform/*` import map for
 * every runtime but Node): `process.emitWarning` where the runtime provides a Node-compatible
 * `process` (Deno, Bun, workerd with nodejs_compat), otherwise the console, the only place a
 * page or worker shows warnings. `onWarning()` listeners take precedence in both cases.
 */
export function emitProcessWarning(warning: HTTPWarning): void {
  const proc = (globalThis as { process?: WarningProcess }).process;
  if (typeof proc?.emitWarning === 'function') {
    proc.emitWarning(warning);
    return;
  }
  globalThis.console?.warn(`${warning.name} [${warning.code}]: ${warning.message}`);
}
