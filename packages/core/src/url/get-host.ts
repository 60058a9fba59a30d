import { parseUrl } from './parse-url.ts';

/**
 * `[scheme, hostname, port]` of `url` (urllib3's `get_host`): the scheme defaults to `'http'`,
 * the host keeps IPv6 brackets (as urllib3's), the port is `null` unless the URL gives one.
 */
export function getHost(
  url: string | URL,
): [scheme: string, host: string | null, port: number | null] {
  const parsed = parseUrl(url);
  return [parsed.scheme ?? 'http', parsed.host, parsed.port];
}
