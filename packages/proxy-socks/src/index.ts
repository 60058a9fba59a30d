export {
  createSocksConnector,
  type SocksConnectorOptions,
  type SocksLookupFunction,
} from './socks-connector.ts';
export {
  SOCKSProxyManager,
  type SOCKSProxyManagerOptions,
  type SocksProxyInfo,
} from './socks-proxy-manager.ts';
export {
  DEFAULT_SOCKS_PORT,
  isSocksProxyUrl,
  type ResolvedSocksProxy,
  redactProxyUrl,
  resolveSocksProxy,
  SOCKS_SCHEMES,
  type SocksCredentials,
} from './socks-proxy-url.ts';
