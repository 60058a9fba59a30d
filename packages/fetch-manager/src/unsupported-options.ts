import { TLS_OPTION_NAMES } from '@urlpool/core';
import { PlatformWarning, warnOnce } from '@urlpool/warnings';

/**
 * Pool, TLS, socket and proxy options of `PoolManager` that a runtime's `fetch` decides by
 * itself, so `FetchManager` accepts them (code written for `PoolManager` runs unchanged) and
 * ignores them with one `PlatformWarning`.
 */
export const FETCH_UNSUPPORTED_OPTIONS: ReadonlySet<string> = new Set([
  // Pooling: the runtime owns its connections.
  'numPools',
  'maxsize',
  'block',
  'poolTimeout',
  // Sockets.
  'sourceAddress',
  'socketOptions',
  'connector',
  'connectionFactory',
  // TLS (core's one list, so a new TLS option is ignored here too): the runtime verifies
  // certificates against its own roots.
  ...TLS_OPTION_NAMES,
  // Proxies: the runtime (or the platform) decides.
  'proxy',
  'proxyUrl',
  'proxyHeaders',
  'proxySslContext',
  'proxyCaCerts',
  'proxyAssertHostname',
  'proxyAssertFingerprint',
  'useForwardingForHttps',
  // Framing: fetch frames request bodies itself.
  'chunked',
]);

/**
 * Emits one `PlatformWarning` naming the unsupported options in `names` (once per set of names
 * per process, as urllib3's AppEngineManager warns once per manager).
 */
export function warnUnsupportedOptions(names: readonly string[], where: string): void {
  if (names.length === 0) return;
  const list = [...names].sort();
  warnOnce(
    `fetch-manager:unsupported:${list.join(',')}`,
    () =>
      new PlatformWarning(
        `${where}: ${list.join(', ')} cannot be honoured on this runtime and ${list.length === 1 ? 'is' : 'are'} ignored: ` +
          "the runtime's fetch manages connections, TLS, proxies and body framing itself.",
      ),
  );
}

/** The keys of `options` that {@link FETCH_UNSUPPORTED_OPTIONS} lists and that are set. */
export function unsupportedKeys(options: object): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && FETCH_UNSUPPORTED_OPTIONS.has(key)) found.push(key);
  }
  return found;
}
