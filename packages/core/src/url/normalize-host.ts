import { domainToASCII } from 'node:url';
import { encodeInvalidChars, UNRESERVED_CHARS } from './encode-invalid-chars.ts';
import { IPV4_RE, IPV6_ADDRZ_RE, ZONE_ID_RE } from './ip-patterns.ts';
import { locationParseError } from './location-error.ts';

const NON_ASCII_RE = /[^\x00-\x7f]/;

/**
 * Normalises the host of an http(s) (or scheme-less) URL as urllib3 does: lowercased, IPv6 zone
 * IDs unescaped from `%25` to `%`, internationalised names converted to punycode.
 */
export function normalizeHost(host: string, url: string): string {
  if (host.charCodeAt(0) === 91 /* [ */) {
    if (!IPV6_ADDRZ_RE.test(host)) {
      throw locationParseError(url, `invalid IPv6 address ${JSON.stringify(host)}`);
    }
    const zone = ZONE_ID_RE.exec(host);
    if (zone === null) return host.toLowerCase();
    const start = zone.index;
    const end = start + zone[1]!.length;
    let zoneId = zone[1]!;
    // RFC 6874 writes the zone separator as %25; RFC 4007 scoped addresses use a bare %.
    zoneId = zoneId.startsWith('%25') && zoneId !== '%25' ? zoneId.slice(3) : zoneId.slice(1);
    zoneId = encodeInvalidChars(zoneId, UNRESERVED_CHARS);
    return `${host.slice(0, start).toLowerCase()}%${zoneId}${host.slice(end)}`;
  }
  if (IPV4_RE.test(host)) return host;
  if (!NON_ASCII_RE.test(host)) return host.toLowerCase();
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!NON_ASCII_RE.test(label)) {
      labels[i] = label.toLowerCase();
      continue;
    }
    const ascii = domainToASCII(label.toLowerCase());
    if (ascii === '') {
      throw locationParseError(url, `name ${JSON.stringify(label)} is not a valid IDNA label`);
    }
    labels[i] = ascii;
  }
  return labels.join('.');
}
