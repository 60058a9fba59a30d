// `@urlpool/pool/internal`: what sibling packages (managers, proxies) share with the pools and
// users should not build on. Not part of the public contract: it may change in any release.
export { kResolvedTlsOptions, type PreResolvedHttpsOptions } from './https-pool-options.ts';
export { settleAttempt } from './pool-dispatch.ts';
export {
  kResolvedPoolOptions,
  POOL_OPTION_NAMES,
  type PreResolvedPoolOptions,
  type ResolvedPoolOptions,
  resolvePoolOptions,
  withPort,
} from './pool-options.ts';
