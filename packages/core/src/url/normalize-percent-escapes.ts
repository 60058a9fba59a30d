import { UNRESERVED_CHARS } from './encode-invalid-chars.ts';
import { locationParseError } from './location-error.ts';

const ESCAPE_RE = /%([0-9A-Fa-f]{2})/g;

/**
 * RFC 3986 §6.2.2 normalisation of the `%XX` escapes of a host or zone ID, as urllib3 does:
 * an escaped unreserved character is decoded (`%41` → `A`), other escapes are kept uppercased.
 * An escaped control character (`%00`–`%1F`, `%7F`) throws `LocationParseError`: a resolver or
 * a Host header that decodes it would see a different, possibly header-splitting, name.
 */
export function normalizePercentEscapes(text: string, url: string, what: string): string {
  return text.replace(ESCAPE_RE, (match, hex: string) => {
    const byte = Number.parseInt(hex, 16);
    if (byte < 0x20 || byte === 0x7f) {
      throw locationParseError(
        url,
        `the ${what} contains a percent-encoded control character (${match.toUpperCase()})`,
      );
    }
    return byte < 128 && UNRESERVED_CHARS[byte] === 1
      ? String.fromCharCode(byte)
      : match.toUpperCase();
  });
}
