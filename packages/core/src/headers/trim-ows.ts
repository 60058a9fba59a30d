/**
 * Strips SP and HTAB (never other whitespace) from both ends of a field value; returns `value`
 * itself when there is nothing to strip. RFC 9110 §5.6.3: only SP and HTAB are whitespace
 * around a field value (not NBSP, VT, FF, which String.prototype.trim() would strip).
 *
 * Why index arithmetic rather than two regex replaces: every response header value read off
 * the wire comes here with the space after its colon, so this runs several times per response.
 */
export function trimOws(value: string): string {
  let end = value.length;
  if (end === 0) return value;
  let start = 0;
  let code = value.charCodeAt(0);
  while (code === 32 || code === 9) {
    if (++start === end) return '';
    code = value.charCodeAt(start);
  }
  code = value.charCodeAt(end - 1);
  while (code === 32 || code === 9) code = value.charCodeAt(--end - 1);
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
