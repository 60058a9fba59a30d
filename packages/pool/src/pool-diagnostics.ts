import { channel } from 'node:diagnostics_channel';

/**
 * `urlpool:pool:full`: a non-blocking pool closed a returned connection because `maxsize`
 * idle connections were already kept (urllib3 logs "Connection pool is full, discarding
 * connection" at warning level). Published only when someone subscribes. Message:
 * {@link PoolFullMessage}.
 */
export const poolFullChannel: ReturnType<typeof channel> = channel('urlpool:pool:full');

/** What `urlpool:pool:full` publishes. */
export interface PoolFullMessage {
  /** Always 'warn': the pool works, but `maxsize` is smaller than the load needs. */
  readonly level: 'warn';
  readonly message: string;
  readonly pool: unknown;
  readonly host: string;
  readonly port: number;
  readonly maxsize: number;
}
