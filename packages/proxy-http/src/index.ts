export { type Environment, type ProxyEnvironment, readProxyEnvironment } from './env-proxies.ts';
export {
  EnvProxyManager,
  type ProxyFromEnvOptions,
  type SocksManagerFactory,
} from './env-proxy-manager.ts';
export { type NoProxyMatcher, parseNoProxy } from './no-proxy.ts';
export { proxyFromEnv } from './proxy-from-env.ts';
export { proxyFromUrl } from './proxy-from-url.ts';
export { ProxyManager } from './proxy-manager.ts';
export type { ProxyManagerOptions } from './proxy-options.ts';
export {
  type ProxyInfo,
  type ResolvedProxyUrl,
  redactUrlCredentials,
  resolveProxyUrl,
} from './proxy-url.ts';
export { createTunnelConnector, type TunnelConnectorOptions } from './tunnel-connector.ts';
