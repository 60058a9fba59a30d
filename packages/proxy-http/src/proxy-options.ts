import type { SecureContext } from 'node:tls';
import {
  type HeadersInit,
  HTTPHeaderDict,
  type PreparedHeaders,
  prepareHeaders,
} from '@urlpool/core';
import type { PoolManagerOptions } from '@urlpool/pool-manager';
import type { TlsOptions } from '@urlpool/tls-config';
import type { ResolvedProxyUrl } from './proxy-url.ts';

/** Options of `ProxyManager`: the proxy's own, plus every `PoolManager` option. */
export interface ProxyManagerOptions extends PoolManagerOptions {
  /**
   * Headers sent to the proxy only: on forwarded requests and on `CONNECT`, never to an origin
   * through a tunnel. A `Proxy-Authorization` here wins over the proxy URL's `user:pass@`.
   * @default none
   */
  proxyHeaders?: HeadersInit | undefined;
  /**
   * TLS context for the connection to an `https://` proxy (urllib3's `proxy_ssl_context`).
   * @default built from the CA options (`proxyCaCerts`, else the manager's `caCerts`, …)
   */
  proxySslContext?: SecureContext | undefined;
  /**
   * PEM file of the CAs that sign an `https://` proxy's certificate; replaces the manager's CA
   * options for the proxy connection only. @default the manager's CA options
   */
  proxyCaCerts?: string | undefined;
  /** Name the `https://` proxy's certificate must match, or `false`. @default the proxy host */
  proxyAssertHostname?: string | false | undefined;
  /** Fingerprint the `https://` proxy's certificate must have (md5/sha1/sha256 hex). @default none */
  proxyAssertFingerprint?: string | undefined;
  /**
   * Send `https://` requests to an `https://` proxy in absolute form over the TLS connection to
   * the proxy instead of tunnelling (urllib3's `use_forwarding_for_https`): the proxy sees the
   * requests in clear. @default false
   */
  useForwardingForHttps?: boolean | undefined;
}

/** The proxy-only options, resolved once by the manager's constructor. */
export interface ResolvedProxyOptions {
  /** Proxy headers as a dict (the URL's credentials included). */
  readonly headers: HTTPHeaderDict;
  /** The same headers validated once for the wire. */
  readonly prepared: PreparedHeaders;
  /** TLS options for an `https://` proxy connection (unresolved), or undefined for `http://`. */
  readonly tls: TlsOptions | undefined;
  /** Forward https targets instead of tunnelling them. */
  readonly useForwardingForHttps: boolean;
}

/** The keys of {@link ProxyManagerOptions} that are not pool options. */
export const PROXY_OPTION_NAMES: readonly string[] = Object.freeze([
  'proxyHeaders',
  'proxySslContext',
  'proxyCaCerts',
  'proxyAssertHostname',
  'proxyAssertFingerprint',
  'useForwardingForHttps',
]);

/** `options` without the proxy-only keys: what the manager's pools get. */
export function withoutProxyOptions(options: ProxyManagerOptions): PoolManagerOptions {
  const rest: Record<string, unknown> = { ...options };
  for (const name of PROXY_OPTION_NAMES) delete rest[name];
  return rest as PoolManagerOptions;
}

/** The manager's CA options, which also verify an `https://` proxy unless overridden. */
const CA_OPTION_NAMES = ['caCerts', 'caCertDir', 'caCertData', 'useSystemCa'] as const;

/**
 * Validates the proxy options and resolves them: proxy headers validated (an invalid name or a
 * value with CR/LF throws `InvalidHeader` here), `Proxy-Authorization` from the URL's
 * credentials added unless the headers have one, and the TLS options for an `https://` proxy
 * assembled (SNI and the verified name are the proxy's host unless `proxyAssertHostname`).
 */
export function resolveProxyOptions(
  proxy: ResolvedProxyUrl,
  options: ProxyManagerOptions,
): ResolvedProxyOptions {
  const useForwardingForHttps = options.useForwardingForHttps ?? false;
  if (typeof useForwardingForHttps !== 'boolean') {
    throw new TypeError('useForwardingForHttps must be a boolean');
  }
  const headers = new HTTPHeaderDict(options.proxyHeaders);
  if (proxy.authorization !== undefined && !headers.has('proxy-authorization')) {
    headers.set('Proxy-Authorization', proxy.authorization);
  }
  return {
    headers,
    prepared: prepareHeaders(headers),
    tls: proxy.scheme === 'https' ? proxyTlsOptions(options) : undefined,
    useForwardingForHttps,
  };
}

function proxyTlsOptions(options: ProxyManagerOptions): TlsOptions {
  const tls: Record<string, unknown> = {};
  if (options.certReqs !== undefined) tls.certReqs = options.certReqs;
  if (options.proxySslContext !== undefined) {
    tls.sslContext = options.proxySslContext;
  } else if (options.proxyCaCerts !== undefined) {
    tls.caCerts = options.proxyCaCerts;
  } else {
    for (const name of CA_OPTION_NAMES) {
      if (options[name] !== undefined) tls[name] = options[name];
    }
  }
  if (options.proxyAssertHostname !== undefined) tls.assertHostname = options.proxyAssertHostname;
  if (options.proxyAssertFingerprint !== undefined) {
    tls.assertFingerprint = options.proxyAssertFingerprint;
  }
  // As in urllib3, the manager's version bounds apply to the proxy connection too.
  if (options.proxySslContext === undefined) {
    if (options.sslMinimumVersion !== undefined) tls.sslMinimumVersion = options.sslMinimumVersion;
    if (options.sslMaximumVersion !== undefined) tls.sslMaximumVersion = options.sslMaximumVersion;
  }
  return tls as TlsOptions;
}
