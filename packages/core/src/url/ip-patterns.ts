// IP literal grammar of RFC 3986 §3.2.2 and RFC 6874 (zone IDs), as urllib3's util/url.py.
const IPV4 = String.raw`(?:[0-9]{1,3}\.){3}[0-9]{1,3}`;
const H16 = '[0-9A-Fa-f]{1,4}';
const LS32 = `(?:${H16}:${H16}|${IPV4})`;
const IPV6 = `(?:${[
  `(?:${H16}:){6}${LS32}`,
  `::(?:${H16}:){5}${LS32}`,
  `(?:${H16})?::(?:${H16}:){4}${LS32}`,
  `(?:(?:${H16}:)?${H16})?::(?:${H16}:){3}${LS32}`,
  `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
  `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
  `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
  `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
  `(?:(?:${H16}:){0,6}${H16})?::`,
].join('|')})`;
const ZONE_ID = String.raw`(?:%25|%)(?:[A-Za-z0-9._\-~]|%[a-fA-F0-9]{2})+`;

/** A dotted-quad IPv4 literal. */
export const IPV4_RE: RegExp = new RegExp(`^${IPV4}$`);
/** A bracketed IPv6 literal with an optional zone ID: `[fe80::1%25eth0]`. */
export const IPV6_ADDRZ_RE: RegExp = new RegExp(String.raw`^\[${IPV6}(?:${ZONE_ID})?\]$`);
/** The zone ID at the end of a bracketed IPv6 literal (group 1, without the `]`). */
export const ZONE_ID_RE: RegExp = new RegExp(`(${ZONE_ID})\\]$`);
/** An RFC 3986 reg-name: no brackets, colons or delimiters; `%` only in `%XX` escapes. */
export const REG_NAME_RE: RegExp = /^(?:[^[\]%:/?#]|%[a-fA-F0-9]{2})*$/;
