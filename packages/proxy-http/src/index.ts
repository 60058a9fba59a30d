export { ProxyManager } from './proxy-manager.ts';
export type { ProxyManagerOptions } from './proxy-options.ts';
export { type ResolvedProxyUrl, redactUrlCredentials, resolveProxyUrl } from './proxy-url.ts';
export { createTunnelConnector, type TunnelConnectorOptions } from './tunnel-connector.ts';
