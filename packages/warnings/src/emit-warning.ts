import { emitProcessWarning } from '#platform/emit-process-warning';
import { HTTPWarning, type WarningCategory } from './warning-classes.ts';
import { type WarningListener, warningState } from './warning-state.ts';

/** True when `warning` belongs to a category silenced by {@link disableWarnings}. */
export function isWarningDisabled(warning: HTTPWarning): boolean {
  const { disabled } = warningState();
  if (disabled.size === 0) return false;
  for (const category of disabled) {
    if (warning instanceof category) return true;
  }
  return false;
}

/**
 * Emits a warning: dropped when its category is disabled, handed to the {@link onWarning}
 * listeners when there are any, otherwise passed to `process.emitWarning` as is (type = class
 * name, `code` = the class's code), so `node --disable-warning=InsecureRequestWarning` and
 * `--no-warnings` work and `process.on('warning')` receives the warning object itself.
 *
 * @example
 * ```ts
 * emitWarning(new DependencyWarning('zstd decoding needs Node >= 22.15'));
 * ```
 */
export function emitWarning(warning: HTTPWarning): void {
  if (isWarningDisabled(warning)) return;
  const { listeners } = warningState();
  if (listeners.size > 0) {
    for (const listener of listeners) listener(warning);
    return;
  }
  emitProcessWarning(warning);
}

/** Alias of {@link emitWarning}. */
export const warn: (warning: HTTPWarning) => void = emitWarning;

/**
 * Emits a warning only the first time `key` is seen in this process (for example
 * `insecure-request:<host>`). `warning` may be a factory, so nothing is built for repeats.
 * A warning dropped because its category is disabled does not use up the key.
 *
 * @returns true when the warning was emitted (or handed to listeners) now.
 */
export function warnOnce(key: string, warning: HTTPWarning | (() => HTTPWarning)): boolean {
  const { onceKeys } = warningState();
  if (onceKeys.has(key)) return false;
  const value = typeof warning === 'function' ? warning() : warning;
  if (isWarningDisabled(value)) return false;
  onceKeys.add(key);
  emitWarning(value);
  return true;
}

/**
 * Silences a warning category and all its subclasses in this process (urllib3's
 * `disable_warnings`).
 *
 * @param category - The class to silence. @default HTTPWarning (every urlpool warning)
 * @returns A function that undoes this call.
 * @example
 * ```ts
 * import { disableWarnings, InsecureRequestWarning } from '@urlpool/warnings';
 * disableWarnings(InsecureRequestWarning);
 * ```
 */
export function disableWarnings(category: WarningCategory = HTTPWarning): () => void {
  const { disabled } = warningState();
  const added = !disabled.has(category);
  disabled.add(category);
  return () => {
    if (added) disabled.delete(category);
  };
}

/**
 * Routes urlpool warnings to `listener` instead of `process.emitWarning` (urllib3's
 * `logging.captureWarnings`). Disabled categories reach no listener.
 *
 * @returns A function that removes the listener; once none is left, warnings go to the process again.
 * @example
 * ```ts
 * const stop = onWarning((w) => logger.warn(w.message, { type: w.name }));
 * // later
 * stop();
 * ```
 */
export function onWarning(listener: WarningListener): () => void {
  const { listeners } = warningState();
  // Wrap so registering the same function twice gives two independent subscriptions.
  const entry: WarningListener = (warning) => listener(warning);
  listeners.add(entry);
  return () => {
    listeners.delete(entry);
  };
}
