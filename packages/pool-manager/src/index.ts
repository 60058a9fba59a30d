export { type PoolConstructor, PoolManager } from './pool-manager.ts';
export type { PoolManagerOptions } from './pool-manager-options.ts';
