// RFC 3986 §2.2–2.3 character classes, as urllib3's util/url.py groups them.
const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~';

import { utf8Bytes } from '#platform/bytes';

const SUB_DELIMS = "!$&'()*+,;=";

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** Characters allowed unencoded in a zone ID. */
export const UNRESERVED_CHARS: Uint8Array = charTable(UNRESERVED);
/** Characters allowed unencoded in userinfo. */
export const USERINFO_CHARS: Uint8Array = charTable(`${UNRESERVED}${SUB_DELIMS}:`);
/** Characters allowed unencoded in a path. */
export const PATH_CHARS: Uint8Array = charTable(`${UNRESERVED}${SUB_DELIMS}:@/`);
/** Characters allowed unencoded in a query or fragment. */
export const QUERY_CHARS: Uint8Array = charTable(`${UNRESERVED}${SUB_DELIMS}:@/?`);

const HEX = '0123456789ABCDEF';
const LONE_SURROGATE_RE = /\p{Cs}/u;

function isUpperHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70);
}

/**
 * Percent-encodes every character of `component` outside `allowed`, as UTF-8 bytes, without
 * encoding an already-encoded component twice: when every `%` starts a valid `%XX` escape,
 * the escapes are kept (uppercased); otherwise every `%` is encoded too (urllib3's
 * `_encode_invalid_chars`).
 */
export function encodeInvalidChars(component: string, allowed: Uint8Array): string {
  // Fast path (nearly every URL): only allowed ASCII and well-formed uppercase escapes.
  const length = component.length;
  let i = 0;
  for (; i < length; i++) {
    const code = component.charCodeAt(i);
    if (code < 128 && allowed[code] === 1) continue;
    if (
      code === 37 &&
      i + 2 < length &&
      isUpperHex(component.charCodeAt(i + 1)) &&
      isUpperHex(component.charCodeAt(i + 2))
    ) {
      i += 2;
      continue;
    }
    break;
  }
  if (i === length) return component;

  let escapes = 0;
  const normalized = component.replace(/%[a-fA-F0-9]{2}/g, (match) => {
    escapes++;
    return match.toUpperCase();
  });
  const bytes = encodeSurrogatePass(normalized);
  let percents = 0;
  for (let j = 0; j < bytes.length; j++) if (bytes[j] === 37) percents++;
  const keepPercent = escapes === percents;
  let out = '';
  for (let j = 0; j < bytes.length; j++) {
    const byte = bytes[j]!;
    if ((byte === 37 && keepPercent) || (byte < 128 && byte !== 37 && allowed[byte] === 1)) {
      out += String.fromCharCode(byte);
    } else {
      out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
    }
  }
  return out;
}

/**
 * UTF-8 bytes of `text`, encoding a lone surrogate as its own three bytes (`\ud800` →
 * `ED A0 80`, Python's `surrogatepass`, which urllib3 uses) rather than as U+FFFD: a URL with a
 * lone surrogate keeps what was given instead of silently naming another resource.
 */
function encodeSurrogatePass(text: string): Uint8Array {
  // In /u mode \p{Cs} matches only unpaired surrogates.
  if (!LONE_SURROGATE_RE.test(text)) return utf8Bytes(text);
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) {
      out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    } else {
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
    }
  }
  return Uint8Array.from(out);
}

/** Resolves `.` and `..` segments of a path (RFC 3986 §5.2.4, as urllib3 does). */
export function removeDotSegments(path: string): string {
  // Fast path: no dot segment possible without "/." or a leading ".".
  if (path.indexOf('/.') === -1 && path.charCodeAt(0) !== 46) return path;
  const segments = path.split('/');
  const output: string[] = [];
  for (const segment of segments) {
    if (segment === '.') continue;
    if (segment !== '..') output.push(segment);
    else if (output.length > 0) output.pop();
  }
  if (path.startsWith('/') && (output.length === 0 || output[0] !== '')) output.unshift('');
  if (path.endsWith('/.') || path.endsWith('/..')) output.push('');
  return output.join('/');
}
