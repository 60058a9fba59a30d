import { EnvProxyManager, type ProxyFromEnvOptions } from './env-proxy-manager.ts';

/**
 * Beyond urllib3: a manager that honours the proxy environment variables as curl does.
 * - `HTTP_PROXY` / `http_proxy` for `http://` targets, `HTTPS_PROXY` / `https_proxy` for
 *   `https://` targets, `ALL_PROXY` / `all_proxy` for either when its own is unset; the
 *   lowercase name wins, empty values count as unset, values without a scheme mean `http://`.
 *   Under CGI (`REQUEST_METHOD` set) uppercase `HTTP_PROXY` is ignored (httpoxy).
 * - `NO_PROXY` / `no_proxy`: `*`, host names (matching subdomains too), `.suffix`, `host:port`,
 *   IPv4 and IPv6 addresses and CIDR ranges; see `parseNoProxy`.
 * - `socks…://` URLs are handed to the `socksManager` option (wired to `SOCKSProxyManager` by
 *   the `urlpool` package's `proxyFromEnv`).
 *
 * The environment is read once, here; options are those of `ProxyManager`.
 *
 * @example
 * ```ts
 * // HTTPS_PROXY=http://127.0.0.1:3128 NO_PROXY=localhost,10.0.0.0/8
 * const http = proxyFromEnv({ maxsize: 4 });
 * const r = await http.request('GET', 'https://example.test/');
 * ```
 */
export function proxyFromEnv(options: ProxyFromEnvOptions = {}): EnvProxyManager {
  return new EnvProxyManager(options);
}
