import { parseUrl } from './parse-url.ts';

/**
 * `[scheme, hostname, port]` of `url` (urllib3's `get_host`): the scheme defaults to `'http'`,
 * the hostname has no IPv6 brackets, the port is `null` unless the URL gives one.
 */
export function getHost(url: string): [scheme: string, host: string | null, port: number | null] {
  const parsed = parseUrl(url);
  return [parsed.scheme ?? 'http', parsed.hostname, parsed.port];
}
