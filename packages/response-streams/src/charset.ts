import { latin1Text } from '@urlpool/core';

/**
 * Labels Python (and so urllib3 users) read as ISO-8859-1 proper: every byte maps to the code
 * point of the same value. WHATWG's TextDecoder maps these labels to windows-1252 instead
 * (0x80-0x9F differ), so they are decoded with Node's 'latin1' codec.
 */
const LATIN1_LABELS: ReadonlySet<string> = new Set([
  'latin1',
  'latin-1',
  'latin_1',
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'iso-ir-100',
  'l1',
  'cp819',
  'ibm819',
  'csisolatin1',
]);

let utf8Decoder: TextDecoder | undefined;

/**
 * The `charset` parameter of a Content-Type value (quoted or not), lowercased, or null.
 *
 * @example
 * charsetFromContentType('text/html; charset="ISO-8859-1"'); // 'iso-8859-1'
 */
export function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  // Parameters follow the first ';' (RFC 9110 section 8.3.1); values may be quoted strings.
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  if (match === null) return null;
  const value = (match[1] ?? match[2] ?? '').trim().toLowerCase();
  return value === '' ? null : value;
}

/**
 * Decodes a body to a string. `label` is an encoding label (WHATWG names plus Python's latin-1
 * spellings). Invalid byte sequences become U+FFFD, as `fetch`'s `text()` does.
 *
 * @throws RangeError when `label` is not an encoding this runtime knows, unless
 * `fallbackToUtf8` is set (used for a charset taken from the server's Content-Type).
 */
export function decodeText(data: Buffer, label: string, fallbackToUtf8: boolean): string {
  const normalised = label.trim().toLowerCase();
  if (LATIN1_LABELS.has(normalised)) return latin1Text(data);
  if (normalised === 'utf-8' || normalised === 'utf8') {
    utf8Decoder ??= new TextDecoder('utf-8');
    return utf8Decoder.decode(data);
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(normalised);
  } catch (error) {
    if (fallbackToUtf8) return decodeText(data, 'utf-8', false);
    throw new RangeError(
      `Unknown text encoding ${JSON.stringify(label)}: pass a WHATWG encoding label such as ` +
        `'utf-8', 'latin1' or 'shift_jis' to text().`,
      { cause: error },
    );
  }
  return decoder.decode(data);
}
