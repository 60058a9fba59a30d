import type { HTTPWarning } from '../warning-classes.ts';

/**
 * Node: hands the warning to `process.emitWarning` as is (type = class name), so
 * `--no-warnings`, `--disable-warning=<name>` and `process.on('warning')` work.
 */
export function emitProcessWarning(warning: HTTPWarning): void {
  process.emitWarning(warning);
}
