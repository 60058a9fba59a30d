import { channel } from 'node:diagnostics_channel';

/**
 * `urlpool:pool:full`: a non-blocking pool closed a returned connection because `maxsize`
 * idle connections were already kept (urllib3 logs "Connection pool is full, discarding
 * connection"). Published only when someone subscribes. Message: `{ pool, host, maxsize }`.
 */
export const poolFullChannel: ReturnType<typeof channel> = channel('urlpool:pool:full');
