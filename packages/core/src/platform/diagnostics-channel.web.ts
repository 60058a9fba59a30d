import type { Channel } from 'node:diagnostics_channel';

/**
 * Runtimes without node:diagnostics_channel (browsers, workers without nodejs_compat): a
 * channel nobody can subscribe to, so `hasSubscribers` is always false and publishers, which
 * check it first, never build a message.
 */
export function channel(name: string | symbol): Channel {
  return {
    name,
    hasSubscribers: false,
    publish() {},
    subscribe() {},
    unsubscribe: () => false,
    bindStore() {},
    unbindStore: () => false,
    runStores: (
      _data: unknown,
      fn: (...args: unknown[]) => unknown,
      thisArg?: unknown,
      ...args: unknown[]
    ) => fn.apply(thisArg, args),
  } as unknown as Channel;
}
