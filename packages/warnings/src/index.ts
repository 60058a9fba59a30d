export {
  disableWarnings,
  emitWarning,
  isWarningDisabled,
  onWarning,
  warn,
  warnOnce,
} from './emit-warning.ts';
export { warnInsecureRequest } from './insecure-request.ts';
export {
  DependencyWarning,
  HTTPWarning,
  InsecureRequestWarning,
  isHTTPWarning,
  PlatformWarning,
  PoolFullWarning,
  SecurityWarning,
  SystemTimeWarning,
  type WarningCategory,
} from './warning-classes.ts';
export type { WarningListener } from './warning-state.ts';
