// `@urlpool/pool/internal`: what sibling packages (managers, proxies) share with the pools and
// users should not build on. Not part of the public contract: it may change in any release.
export { settleAttempt } from './pool-dispatch.ts';
export {
  POOL_OPTION_NAMES,
  type ResolvedPoolOptions,
  resolvePoolOptions,
} from './pool-options.ts';
