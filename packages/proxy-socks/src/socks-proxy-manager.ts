import { PoolManager, type PoolManagerOptions } from '@urlpool/pool-manager';
import { createSocksConnector, type SocksLookupFunction } from './socks-connector.ts';
import { type ResolvedSocksProxy, redactProxyUrl, resolveSocksProxy } from './socks-proxy-url.ts';

/** Options of {@link SOCKSProxyManager}: credentials plus every PoolManager option. */
export interface SOCKSProxyManagerOptions extends PoolManagerOptions {
  /**
   * SOCKS5 username or SOCKS4 user id. With `password`, replaces the URL's userinfo.
   * @default the URL's (percent-decoded), else none
   */
  username?: string | undefined;
  /** SOCKS5 password (ignored by SOCKS4, which has none). @default the URL's, else none */
  password?: string | undefined;
  /**
   * Resolves target names here for `socks4://` and `socks5://` (not used by socks4a/socks5h,
   * whose proxy resolves them). @default dns.lookup
   */
  lookup?: SocksLookupFunction | undefined;
}

/** What a SOCKS proxy URL resolved to, without the password. */
export interface SocksProxyInfo {
  /** `socks4`, `socks4a`, `socks5` or `socks5h`. */
  readonly scheme: string;
  /** SOCKS protocol version spoken. */
  readonly version: 4 | 5;
  /** True when the proxy resolves target names (socks4a, socks5h). */
  readonly remoteDns: boolean;
  /** Proxy host (IPv6 without brackets). */
  readonly host: string;
  /** Proxy port. */
  readonly port: number;
  /** SOCKS5 username or SOCKS4 user id, if any. */
  readonly username: string | undefined;
}

/**
 * A PoolManager whose every connection goes through one SOCKS proxy (urllib3's
 * `SOCKSProxyManager`): `socks4://` (names resolved here), `socks4a://` (by the proxy),
 * `socks5://` (here) and `socks5h://` (by the proxy), with credentials from the URL or the
 * `username`/`password` options. Each target gets its own kept-alive pool behind the proxy
 * (`numPools`, `maxsize` and `block` apply as in PoolManager); `https://` targets get TLS over
 * the SOCKS socket with every TLS option.
 *
 * A refusal or failed negotiation throws `NewConnectionError` naming the SOCKS reply; a connect
 * timeout (proxy TCP + negotiation + TLS) `ConnectTimeoutError`; an unknown scheme
 * `ProxySchemeUnknown`. Messages never contain the credentials.
 *
 * @example
 * ```ts
 * const proxy = new SOCKSProxyManager('socks5h://user:secret@127.0.0.1:1080/');
 * const r = await proxy.request('GET', 'http://internal.example:8080/get');
 * console.log(r.status, r.json());
 * proxy.clear();
 * ```
 */
export class SOCKSProxyManager extends PoolManager {
  /** The proxy URL as given, with any password replaced by `***`. */
  readonly proxyUrl: string;
  /** The resolved proxy: scheme, version, DNS side, host, port and username. */
  readonly proxy: SocksProxyInfo;

  constructor(proxyUrl: string | URL, options: SOCKSProxyManagerOptions = {}) {
    const { username, password, lookup, ...managerOptions } = options;
    if (managerOptions.connector !== undefined) {
      throw new TypeError(
        'SOCKSProxyManager makes its own connector; the connector option cannot be given',
      );
    }
    const resolved: ResolvedSocksProxy = resolveSocksProxy(proxyUrl, { username, password });
    const connector = createSocksConnector(resolved, { lookup });
    super({ ...managerOptions, connector });
    this.proxyUrl = redactProxyUrl(String(proxyUrl));
    this.proxy = {
      scheme: resolved.scheme,
      version: resolved.version,
      remoteDns: resolved.remoteDns,
      host: resolved.host,
      port: resolved.port,
      username: resolved.username,
    };
  }
}
