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
 * A single-segment frame whose content is `data` in raw blocks of at most 64 KiB, with a
 * 4-byte Frame_Content_Size.
 */
export function zstdRawFrame(data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  // Frame header descriptor 0xa0: 4-byte Frame_Content_Size, Single_Segment, no checksum.
  const header = Buffer.alloc(5);
  header[0] = 0xa0;
  header.writeUInt32LE(bytes.length, 1);
  const parts: Buffer[] = [MAGIC, header];
  if (bytes.length === 0) parts.push(blockHeader(true, 0, 0));
  for (let i = 0; i < bytes.length; i += 65536) {
    const block = bytes.subarray(i, i + 65536);
    parts.push(blockHeader(i + 65536 >= bytes.length, 0, block.length), block);
  }
  return Buffer.concat(parts);
}

/**
 * A frame of `count` copies of `byte` in RLE blocks of at most 128 KiB, with a 1 MiB window
 * (Window_Descriptor 0x50) and no content size: compact for any size, and within RFC 9659's
 * 8 MiB window limit of the zstd content coding.
 */
export function zstdRleFrame(byte: number, count: number): Buffer {
  const parts: Buffer[] = [MAGIC, Buffer.from([0x00, 0x50])];
  const max = 128 * 1024;
  for (let done = 0; done < count; done += max) {
    const size = Math.min(max, count - done);
    parts.push(blockHeader(done + size >= count, 1, size), Buffer.from([byte]));
  }
  return Buffer.concat(parts);
}

/** zstd for tests: an RLE frame when `data` is one repeated byte, else a raw frame. */
export function zstdFrame(data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  const first = bytes[0];
  if (first !== undefined && bytes.every((b) => b === first))
    return zstdRleFrame(first, bytes.length);
  return zstdRawFrame(bytes);
}

/** A skippable frame (magic 0x184D2A50) carrying `size` zero bytes: decoders must ignore it. */
export function zstdSkippableFrame(size: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x184d2a50, 0);
  header.writeUInt32LE(size, 4);
  return Buffer.concat([header, Buffer.alloc(size)]);
}
