/**
 * Hand-built Zstandard frames (RFC 8878) for tests: Node 20 has no zstd compressor, and a
 * frame of raw or RLE blocks is a valid zstd stream any decoder must accept.
 */

const MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/** 3-byte little-endian block header: last flag, block type (0 raw, 1 RLE), size. */
function blockHeader(last: boolean, type: 0 | 1, size: number): Buffer {
  const value = (size << 3) | (type << 1) | (last ? 1 : 0);
  return Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]);
}

/**
 * A single-segment frame whose content is `data` in one raw block (`data.length` < 256, so
 * the content size fits the 1-byte field).
 */
export function zstdRawFrame(data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  if (bytes.length >= 256) throw new RangeError('zstdRawFrame: keep test data under 256 bytes');
  // Frame header descriptor 0x20: Single_Segment, 1-byte Frame_Content_Size, no checksum.
  return Buffer.concat([
    MAGIC,
    Buffer.from([0x20, bytes.length]),
    blockHeader(true, 0, bytes.length),
    bytes,
  ]);
}

/** A single-segment frame of `count` copies of `byte` in one RLE block (`count` < 256). */
export function zstdRleFrame(byte: number, count: number): Buffer {
  return Buffer.concat([
    MAGIC,
    Buffer.from([0x20, count]),
    blockHeader(true, 1, count),
    Buffer.from([byte]),
  ]);
}

/** A skippable frame (magic 0x184D2A50) carrying `size` zero bytes: decoders must ignore it. */
export function zstdSkippableFrame(size: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x184d2a50, 0);
  header.writeUInt32LE(size, 4);
  return Buffer.concat([header, Buffer.alloc(size)]);
}
