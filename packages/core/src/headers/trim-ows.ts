// RFC 9110 §5.6.3: only SP and HTAB are whitespace around a field value (not NBSP, VT, FF,
// which String.prototype.trim() would strip).
const LEADING_OWS = /^[ \t]+/;
const TRAILING_OWS = /[ \t]+$/;

/**
 * Strips SP and HTAB (never other whitespace) from both ends of a field value; returns `value`
 * itself when there is nothing to strip.
 */
export function trimOws(value: string): string {
  if (value.length === 0) return value;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first !== 32 && first !== 9 && last !== 32 && last !== 9) return value;
  return value.replace(LEADING_OWS, '').replace(TRAILING_OWS, '');
}
