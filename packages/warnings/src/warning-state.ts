import type { HTTPWarning, WarningCategory } from './warning-classes.ts';

/** Receives warnings instead of the process (see `onWarning`). */
export type WarningListener = (warning: HTTPWarning) => void;

/** Process-wide warning state, shared by every installed copy of `@urlpool/warnings`. */
export interface WarningState {
  /** Categories silenced by `disableWarnings`. */
  readonly disabled: Set<WarningCategory>;
  /** Listeners registered by `onWarning`. */
  readonly listeners: Set<WarningListener>;
  /** Keys already used by `warnOnce`. */
  readonly onceKeys: Set<string>;
}

const STATE_KEY = Symbol.for('urlpool.warnings.state');

/**
 * Returns the process-wide state, creating it on first use. It lives on `globalThis` under a
 * `Symbol.for` key so that two installed copies honour each other's `disableWarnings` and
 * "once per host" bookkeeping; created lazily so importing the module has no side effect.
 */
export function warningState(): WarningState {
  const holder = globalThis as unknown as Record<symbol, WarningState | undefined>;
  let state = holder[STATE_KEY];
  if (state === undefined) {
    state = { disabled: new Set(), listeners: new Set(), onceKeys: new Set() };
    holder[STATE_KEY] = state;
  }
  return state;
}
