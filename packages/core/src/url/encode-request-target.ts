import { encodeInvalidChars, PATH_CHARS, QUERY_CHARS } from './encode-invalid-chars.ts';
import { locationParseError } from './location-error.ts';

// Absolute-form targets (proxies) also carry an authority: IPv6 brackets stay as they are.
const ABSOLUTE_TARGET_CHARS: Uint8Array = (() => {
  const table = QUERY_CHARS.slice();
  table[91] = 1; // [
  table[93] = 1; // ]
  return table;
})();

/**
 * The request target as it goes on the request line: the path percent-encodes with urllib3's
 * path characters and the query with its query characters, each non-ASCII character as its
 * UTF-8 bytes (`/€` → `/%E2%82%AC`), and existing `%XX` escapes are kept. A space, CR, LF, NUL
 * or any code point above U+007F therefore can never split the request line or add a header.
 * An absolute-form target (`http://host/path`, for proxies) and `*` are encoded likewise.
 * Idempotent, and returns `target` itself (no copy) when nothing needs encoding. Throws
 * `LocationParseError` for an empty target.
 *
 * @example
 * ```ts
 * encodeRequestTarget('/a b?q=€'); // '/a%20b?q=%E2%82%AC'
 * ```
 */
export function encodeRequestTarget(target: string): string {
  if (typeof target !== 'string' || target === '') {
    throw locationParseError(String(target), 'the request target is empty');
  }
  if (target.charCodeAt(0) !== 47) return encodeInvalidChars(target, ABSOLUTE_TARGET_CHARS);
  const question = target.indexOf('?');
  if (question === -1) return encodeInvalidChars(target, PATH_CHARS);
  const path = target.slice(0, question);
  const query = target.slice(question + 1);
  const encodedPath = encodeInvalidChars(path, PATH_CHARS);
  const encodedQuery = encodeInvalidChars(query, QUERY_CHARS);
  return encodedPath === path && encodedQuery === query ? target : `${encodedPath}?${encodedQuery}`;
}
