import { Miniflare } from 'miniflare';

/** A module worker running in workerd (the binary miniflare ships). */
export interface Workerd {
  /** Sends a request to the worker's `fetch` handler. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Stops workerd. */
  close(): Promise<void>;
}

/**
 * Starts `script` (an ES module worker, already bundled) in workerd, with no compatibility
 * flags (so no nodejs_compat: the worker gets only the Workers runtime's own APIs). Its
 * outgoing fetches go to the network as in production, so loopback servers are reachable.
 */
export async function startWorkerd(
  script: string,
  options: { compatibilityDate?: string } = {},
): Promise<Workerd> {
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: options.compatibilityDate ?? '2025-09-01',
    compatibilityFlags: [],
  });
  await mf.ready;
  return {
    async fetch(url, init) {
      // miniflare's fetch types are undici's; the shapes are the same.
      return (await mf.dispatchFetch(url, init as never)) as unknown as Response;
    },
    close: () => mf.dispose(),
  };
}
