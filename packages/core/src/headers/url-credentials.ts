import { InvalidHeader } from '../errors/protocol-errors.ts';
import type { HeadersInit } from './http-header-dict.ts';
import { HTTPHeaderDict } from './http-header-dict.ts';

const HEX = /^[0-9A-Fa-f]{2}$/;

/**
 * The `Basic …` credentials of a URL's userinfo (`user:pass`, `user`, `:`), as urllib3 2.x
 * sends them: the userinfo is percent-decoded to bytes (`%FF` is the byte 0xFF, `%40` an `@`,
 * other characters their UTF-8 bytes; a `%` that starts no escape is kept), a userinfo without
 * a colon gets an empty password (`user` → `user:`), and the bytes are base64-encoded.
 *
 * @example
 * ```ts
 * basicCredentialsFromUserinfo('user%40example.com:p%3Ass'); // 'Basic dXNlckBleGFtcGxlLmNvbTpwOnNz'
 * ```
 */
export function basicCredentialsFromUserinfo(userinfo: string): string {
  const text = userinfo.includes(':') ? userinfo : `${userinfo}:`;
  const utf8 = new TextEncoder();
  let binary = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const hex = text.slice(i + 1, i + 3);
    if (char === '%' && HEX.test(hex)) {
      binary += String.fromCharCode(Number.parseInt(hex, 16));
      i += 2;
    } else if (char.charCodeAt(0) < 0x80) {
      binary += char;
    } else {
      const codePoint = text.codePointAt(i)!;
      if (codePoint > 0xffff) i++;
      for (const byte of utf8.encode(String.fromCodePoint(codePoint))) {
        binary += String.fromCharCode(byte);
      }
    }
  }
  // btoa encodes a string of code points 0-255 as those bytes.
  return `Basic ${btoa(binary)}`;
}

/**
 * The headers of a request whose URL carries `user:pass@` (urllib3 2.x): an
 * `Authorization` header made by {@link basicCredentialsFromUserinfo} is added. One
 * Authorization header with that same value is kept as it is; a different one, or more than
 * one, is ambiguous and throws `InvalidHeader` (naming the header, never the credentials).
 * The given headers are copied, never changed, and nothing persists to later requests.
 */
export function withUrlCredentials(
  headers: HeadersInit | undefined,
  userinfo: string,
): HeadersInit {
  const expected = basicCredentialsFromUserinfo(userinfo);
  const merged = new HTTPHeaderDict(headers);
  const given = merged.getlist('authorization');
  if (given.length === 0) {
    merged.add('Authorization', expected);
    return merged;
  }
  if (given.length > 1) {
    throw new InvalidHeader(
      'The URL has credentials and the headers have more than one Authorization header: send one or the other.',
    );
  }
  if (given[0] !== expected) {
    throw new InvalidHeader(
      "The URL's credentials conflict with the Authorization header given: send one or the other.",
    );
  }
  return headers ?? merged;
}
