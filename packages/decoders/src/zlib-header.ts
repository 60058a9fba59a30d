/**
 * True when `head` starts with a zlib header (RFC 1950 §2.2): CM = 8 (deflate), a window of at
 * most 32 KiB, and a check value making the first two bytes a multiple of 31. Servers disagree
 * on what `deflate` means, so anything else is decoded as raw deflate (RFC 1951), as urllib3
 * and browsers do.
 */
export function isZlibWrapped(head: Uint8Array): boolean {
  if (head.length < 2) return false;
  const cmf = head[0]!;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | head[1]!) % 31 === 0;
}
