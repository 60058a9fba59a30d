import { ProxyManager } from './proxy-manager.ts';
import type { ProxyManagerOptions } from './proxy-options.ts';

/**
 * A `ProxyManager` for `url` (urllib3's `proxy_from_url`).
 *
 * @example
 * ```ts
 * const proxy = proxyFromUrl('http://user:secret@127.0.0.1:3128', { maxsize: 4 });
 * ```
 */
export function proxyFromUrl(url: string | URL, options: ProxyManagerOptions = {}): ProxyManager {
  return new ProxyManager(url, options);
}
