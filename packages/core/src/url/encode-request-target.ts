import { encodeInvalidChars, PATH_CHARS, QUERY_CHARS } from './encode-invalid-chars.ts';
import { locationParseError } from './location-error.ts';

// Absolute-form targets (proxies) also carry an authority: IPv6 brackets stay as they are.
const ABSOLUTE_TARGET_CHARS: Uint8Array = (() => {
  const table = QUERY_CHARS.slice();
  table[91] = 1; // [
  table[93] = 1; // ]
  return table;
})();

let lastCleanTarget = '/';

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
  // The pool encodes a target once and the head renderer checks it again: remembering the
  // last clean target makes the second check a pointer comparison.
  if (target === lastCleanTarget) return target;
  if (typeof target !== 'string' || target === '') {
    throw locationParseError(String(target), 'the request target is empty');
  }
  if (target.charCodeAt(0) !== 47) return encodeInvalidChars(target, ABSOLUTE_TARGET_CHARS);
  if (isEncodedTarget(target)) {
    lastCleanTarget = target;
    return target;
  }
  const question = target.indexOf('?');
  if (question === -1) return encodeInvalidChars(target, PATH_CHARS);
  const path = target.slice(0, question);
  const query = target.slice(question + 1);
  const encodedPath = encodeInvalidChars(path, PATH_CHARS);
  const encodedQuery = encodeInvalidChars(query, QUERY_CHARS);
  return encodedPath === path && encodedQuery === query ? target : `${encodedPath}?${encodedQuery}`;
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70);
}

/**
 * The fast path of nearly every request: one pass over an origin-form target, true when the
 * path and query hold only their allowed ASCII characters and well-formed uppercase escapes.
 */
function isEncodedTarget(target: string): boolean {
  let table = PATH_CHARS;
  const length = target.length;
  for (let i = 0; i < length; i++) {
    const code = target.charCodeAt(i);
    if (code < 128 && table[code] === 1) continue;
    if (code === 63 && table === PATH_CHARS) {
      table = QUERY_CHARS;
      continue;
    }
    if (
      code === 37 &&
      i + 2 < length &&
      isHex(target.charCodeAt(i + 1)) &&
      isHex(target.charCodeAt(i + 2))
    ) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}
