import {
  type EnvProxyManager,
  type ProxyFromEnvOptions,
  proxyFromEnv as proxyHttpFromEnv,
} from '@urlpool/proxy-http';
import { SOCKSProxyManager } from '@urlpool/proxy-socks';

/**
 * Beyond urllib3: a manager that honours the proxy environment variables as curl does
 * (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, lowercase winning), with every
 * proxy scheme wired in: `http://` and `https://` proxies go through `ProxyManager`, and
 * `socks4://`, `socks4a://`, `socks5://` and `socks5h://` proxies through `SOCKSProxyManager`.
 * The environment is read once, here; options are those of `ProxyManager`, and a
 * `socksManager` given in `options` replaces the `SOCKSProxyManager` default.
 *
 * @example
 * ```ts
 * // ALL_PROXY=socks5h://127.0.0.1:1080 NO_PROXY=localhost
 * const http = proxyFromEnv({ maxsize: 4 });
 * const r = await http.request('GET', 'https://example.test/');
 * ```
 */
export function proxyFromEnv(options: ProxyFromEnvOptions = {}): EnvProxyManager {
  return proxyHttpFromEnv({
    ...options,
    socksManager:
      options.socksManager ??
      ((proxyUrl, managerOptions) => new SOCKSProxyManager(proxyUrl, managerOptions)),
  });
}
