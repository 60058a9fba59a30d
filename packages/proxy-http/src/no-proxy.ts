import { BlockList, isIP } from 'node:net';

/** A parsed `NO_PROXY` list; see {@link parseNoProxy}. */
export interface NoProxyMatcher {
  /** True when requests to `host` (name or IP literal, IPv6 with or without brackets) on `port` bypass the proxy. */
  matches(host: string, port: number): boolean;
}

interface NameRule {
  /** Lowercased name without leading dots or `*.`; matches itself and its subdomains. */
  readonly name: string;
  /** Only this port, or undefined for any. */
  readonly port: number | undefined;
}

interface AddressRule {
  readonly list: BlockList;
  /** 4 or 6: BlockList would match IPv4 targets against IPv6 rules as IPv4-mapped addresses. */
  readonly family: number;
  readonly port: number | undefined;
}

const NEVER: NoProxyMatcher = { matches: () => false };
const ALWAYS: NoProxyMatcher = { matches: () => true };

/**
 * Parses a `NO_PROXY` value as curl does (7.86+), so the same variable means the same thing
 * to urlpool and to curl:
 * - entries are separated by commas (and whitespace); `*` alone bypasses the proxy for every host;
 * - a name matches itself and every subdomain (`example.com` and `.example.com` both match
 *   `example.com` and `a.example.com`, not `badexample.com`); `*.example.com` is the same;
 * - an IP literal matches that address; `a.b.c.d/n` and `v6::/n` match a CIDR range
 *   (IPv6 literals may be bracketed); names are never resolved to compare them with addresses;
 * - `host:port`, `[v6]:port` or `1.2.3.4:port` restricts an entry to one port.
 *
 * Matching ignores case and a trailing dot of the host. Entries that are not valid are ignored.
 *
 * @example
 * ```ts
 * const bypass = parseNoProxy('localhost,.internal,10.0.0.0/8,[::1]:8080');
 * bypass.matches('api.internal', 443); // true
 * bypass.matches('::1', 80);           // false (only port 8080)
 * ```
 */
export function parseNoProxy(value: string | undefined): NoProxyMatcher {
  if (value === undefined) return NEVER;
  const names: NameRule[] = [];
  const addresses: AddressRule[] = [];
  for (const raw of value.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return ALWAYS;
    const { host, port } = splitPort(entry);
    if (host === '') continue;
    const slash = host.indexOf('/');
    const address = slash === -1 ? host : host.slice(0, slash);
    const family = isIP(address);
    if (family !== 0) {
      const list = new BlockList();
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (slash === -1) {
        list.addAddress(address, type);
      } else {
        const bits = Number(host.slice(slash + 1));
        if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) continue;
        list.addSubnet(address, bits, type);
      }
      addresses.push({ list, family, port });
      continue;
    }
    if (slash !== -1) continue;
    const name = host.replace(/^\*?\.+/, '').replace(/\.$/, '');
    if (name !== '') names.push({ name, port });
  }
  if (names.length === 0 && addresses.length === 0) return NEVER;
  return {
    matches(host: string, port: number): boolean {
      let h = host.toLowerCase();
      if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
      const family = isIP(h);
      if (family !== 0) {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        for (const rule of addresses) {
          if (
            rule.family === family &&
            (rule.port === undefined || rule.port === port) &&
            rule.list.check(h, type)
          ) {
            return true;
          }
        }
        // IP literals can still be listed as plain names (e.g. "127.0.0.1" typed as such).
      }
      if (h.endsWith('.')) h = h.slice(0, -1);
      for (const rule of names) {
        if (rule.port !== undefined && rule.port !== port) continue;
        if (h === rule.name || h.endsWith(`.${rule.name}`)) return true;
      }
      return false;
    },
  };
}

/** Splits `host:port`, `[v6]:port`, `[v6]`; a bare IPv6 literal (two or more colons) has no port. */
function splitPort(entry: string): { host: string; port: number | undefined } {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    if (close === -1) return { host: '', port: undefined };
    const rest = entry.slice(close + 1);
    // "[v6]/64" keeps its prefix length.
    const host = entry.slice(1, close) + (rest.startsWith('/') ? rest : '');
    if (!rest.startsWith(':')) return { host, port: undefined };
    const port = toPort(rest.slice(1));
    return port === undefined ? { host: '', port } : { host, port };
  }
  const colon = entry.lastIndexOf(':');
  if (colon === -1 || entry.indexOf(':') !== colon) return { host: entry, port: undefined };
  const port = toPort(entry.slice(colon + 1));
  return port === undefined ? { host: '', port } : { host: entry.slice(0, colon), port };
}

function toPort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}
