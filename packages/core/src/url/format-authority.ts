import { DEFAULT_PORTS } from './default-ports.ts';

/**
 * A host as pools name, key and connect to it: lowercased, IPv6 brackets stripped
 * (`'[::1]'` and `'::1'` are the same origin). The one host normaliser of pools and managers;
 * `parseUrl` has already applied urllib3's URL rules (IDNA, zone IDs) to a parsed host.
 */
export function toOriginHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.charCodeAt(0) === 91 /* [ */ && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

/** Brackets an IPv6 literal (for an authority, a Host header or a message). */
export function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * `host[:port]` as a Host header names an origin: the port is left out when it is the
 * scheme's default (RFC 9110 §7.2), IPv6 literals are bracketed.
 */
export function formatAuthority(host: string, port: number, scheme?: string): string {
  const name = formatHost(host);
  return scheme !== undefined && DEFAULT_PORTS[scheme] === port ? name : `${name}:${port}`;
}
