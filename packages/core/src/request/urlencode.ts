import { utf8Bytes } from '#platform/bytes';
import { isBlob } from './body-kinds.ts';
import { forEachField } from './iter-fields.ts';
import { type Fields, RequestField } from './request-field.ts';

const HEX = '0123456789ABCDEF';

/**
 * Encodes `fields` as `application/x-www-form-urlencoded` (Python's `urlencode` with
 * `quote_plus`: space becomes `+`, only letters, digits and `_.-~` stay unescaped). Values must
 * be strings, numbers or bytes; file tuples need multipart and throw `TypeError`.
 *
 * @example
 * ```ts
 * urlencode({ q: 'a b&c', n: 1 }); // 'q=a+b%26c&n=1'
 * ```
 */
export function urlencode(fields: Fields): string {
  let out = '';
  forEachField(fields, (name, value) => {
    if (value instanceof RequestField || Array.isArray(value) || isBlob(value)) {
      throw new TypeError(
        `Field ${JSON.stringify(name)} is a file; files can only be sent as multipart/form-data (encodeMultipart: true, and not with GET, HEAD, DELETE or OPTIONS)`,
      );
    }
    let encoded: string;
    if (typeof value === 'string') encoded = quotePlus(value);
    else if (typeof value === 'number') encoded = quotePlus(String(value));
    else if (value instanceof Uint8Array) encoded = quoteBytes(value);
    else {
      throw new TypeError(
        `Field ${JSON.stringify(name)} has ${value === null ? 'null' : typeof value} data; form values must be strings, numbers or bytes`,
      );
    }
    out += `${out === '' ? '' : '&'}${quotePlus(name)}=${encoded}`;
  });
  return out;
}

function quotePlus(text: string): string {
  if (/^[A-Za-z0-9_.\-~]*$/.test(text)) return text;
  return quoteBytes(utf8Bytes(text));
}

function quoteBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (
      (b >= 48 && b <= 57) ||
      (b >= 65 && b <= 90) ||
      (b >= 97 && b <= 122) ||
      b === 95 ||
      b === 46 ||
      b === 45 ||
      b === 126
    ) {
      out += String.fromCharCode(b);
    } else if (b === 32) {
      out += '+';
    } else {
      out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
    }
  }
  return out;
}
