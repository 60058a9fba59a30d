// gzip member header, RFC 1952 §2.3.1.
const ID1 = 0x1f;
const ID2 = 0x8b;
const CM_DEFLATE = 8;
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const FRESERVED = 0xe0;

/** Result of {@link parseGzipHeader} when more bytes are needed. */
export const NEED_MORE = -1;

/**
 * Parses a gzip member header at the start of `buf`. Returns its length in bytes, or
 * {@link NEED_MORE} when `buf` ends inside the header. Throws an Error saying what is wrong
 * when the bytes are not a gzip header.
 */
export function parseGzipHeader(buf: Buffer): number {
  const length = buf.length;
  if (length >= 1 && buf[0] !== ID1) throw new Error('incorrect header check');
  if (length >= 2 && buf[1] !== ID2) throw new Error('incorrect header check');
  if (length >= 3 && buf[2] !== CM_DEFLATE) throw new Error('unknown compression method');
  if (length < 10) return NEED_MORE;
  const flags = buf[3]!;
  if ((flags & FRESERVED) !== 0) throw new Error('unknown header flags set');
  let pos = 10;
  if ((flags & FEXTRA) !== 0) {
    if (length < pos + 2) return NEED_MORE;
    pos += 2 + buf.readUInt16LE(pos);
  }
  if ((flags & FNAME) !== 0) {
    pos = skipZeroTerminated(buf, pos);
    if (pos === NEED_MORE) return NEED_MORE;
  }
  if ((flags & FCOMMENT) !== 0) {
    pos = skipZeroTerminated(buf, pos);
    if (pos === NEED_MORE) return NEED_MORE;
  }
  if ((flags & FHCRC) !== 0) pos += 2;
  return pos <= length ? pos : NEED_MORE;
}

function skipZeroTerminated(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return NEED_MORE;
  const end = buf.indexOf(0, pos);
  return end === -1 ? NEED_MORE : end + 1;
}
