import { domainToASCII, domainToUnicode } from '#platform/idna';
import { encodeInvalidChars, UNRESERVED_CHARS } from './encode-invalid-chars.ts';
import { IPV4_RE, IPV6_ADDRZ_RE, ZONE_ID_RE } from './ip-patterns.ts';
import { locationParseError } from './location-error.ts';
import { normalizePercentEscapes } from './normalize-percent-escapes.ts';

const NON_ASCII_RE = /[^\x00-\x7f]/;
// IDNA2008 (RFC 5892 §2.1–2.6): a label may hold letters, marks and digits (plus the CONTEXTJ
// and CONTEXTO code points and "-"); symbols, punctuation and emoji are DISALLOWED. Checked on
// the label after UTS #46 mapping (what domainToASCII encoded), so case and width are already
// folded. urllib3 encodes with the `idna` package in strict IDNA2008 mode and refuses the same.
const IDNA2008_LABEL_RE =
  /^(?:(?![\u0640\u07fa\u302e\u302f\u3031-\u3035\u303b])(?:[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}\u00b7\u0375\u05f3\u05f4\u30fb-]|\u200c|\u200d))+$/u;

/**
 * Normalises the host of an http(s) (or scheme-less) URL as urllib3 does: lowercased, IPv6 zone
 * IDs unescaped from `%25` to `%`, internationalised names converted to punycode (IDNA2008:
 * symbols and emoji are refused), percent-encoded unreserved characters decoded and other
 * escapes uppercased (RFC 3986 §6.2.2); a percent-encoded control character throws.
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
    zoneId = normalizePercentEscapes(encodeInvalidChars(zoneId, UNRESERVED_CHARS), url, 'zone ID');
    return `${host.slice(0, start).toLowerCase()}%${zoneId}${host.slice(end)}`;
  }
  if (IPV4_RE.test(host)) return host;
  if (host.indexOf('%') !== -1) host = normalizePercentEscapes(host, url, 'host');
  if (!NON_ASCII_RE.test(host)) return lowerOutsideEscapes(host);
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!NON_ASCII_RE.test(label)) {
      labels[i] = lowerOutsideEscapes(label);
      continue;
    }
    const ascii = domainToASCII(label.toLowerCase());
    if (ascii === '' || !IDNA2008_LABEL_RE.test(domainToUnicode(ascii))) {
      throw locationParseError(url, `name ${JSON.stringify(label)} is not a valid IDNA label`);
    }
    labels[i] = ascii;
  }
  return labels.join('.');
}

/** Lowercases `text` but keeps `%XX` escapes uppercase (RFC 3986 §6.2.2.1). */
function lowerOutsideEscapes(text: string): string {
  const lower = text.toLowerCase();
  return lower.indexOf('%') === -1 ? lower : lower.replace(/%[0-9a-f]{2}/g, (m) => m.toUpperCase());
}
