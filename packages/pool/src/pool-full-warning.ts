import { emitWarning, isWarningDisabled, PoolFullWarning } from '@urlpool/warnings';

/**
 * urllib3's "Connection pool is full, discarding connection" log line, the Node way: a
 * `PoolFullWarning` through `process.emitWarning` (or the `onWarning` listeners). The caller
 * keeps a flag per pool so it fires once per pool, not once per discarded connection (a busy
 * `block: false` pool discards on nearly every request).
 *
 * @returns true when the warning was emitted, so the caller stops warning for that pool; false
 * when its category is disabled (a later `disableWarnings` undo lets it through again).
 */
export function warnPoolFull(host: string, maxsize: number): boolean {
  const warning = new PoolFullWarning(
    `Connection pool is full, discarding connection: ${host}. Connection pool size: ${maxsize}`,
  );
  if (isWarningDisabled(warning)) return false;
  emitWarning(warning);
  return true;
}
