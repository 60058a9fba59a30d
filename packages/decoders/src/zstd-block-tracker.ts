// zstd frame layout, RFC 8878 §3.1. Used only to find block boundaries; fzstd does the decoding.
const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** Block_Maximum_Size can never exceed 128 KiB (RFC 8878 §3.1.1.2.3). */
const MAX_BLOCK = 128 * 1024;

const MAGIC = 0; // collecting 4 magic bytes
const SKIPPABLE_SIZE = 1; // collecting the 4-byte size of a skippable frame
const DESCRIPTOR = 2; // collecting the Frame_Header_Descriptor byte
const BLOCK_HEADER = 3; // collecting a 3-byte block header
const SKIP = 4; // skipping `remaining` bytes, then going to `after`

/**
 * Walks a zstd byte stream without decoding it, to find where each block ends. Feeding fzstd
 * exactly up to a block end means one `push()` produces at most one block (<= 128 KiB) of
 * output, however compressible the data: memory stays bounded although fzstd cannot be paused.
 * Also rejects what fzstd would take on trust (oversized blocks, reserved block types).
 */
export class ZstdBlockTracker {
  private state = MAGIC;
  private readonly header = Buffer.alloc(4);
  private have = 0;
  private remaining = 0;
  private after = MAGIC;
  private checksum = false;
  private lastBlock = false;

  /** True when the stream ended cleanly: between frames, not inside one. */
  get atFrameBoundary(): boolean {
    return this.state === MAGIC && this.have === 0;
  }

  /**
   * Returns the index in `chunk` just past the next block end at or after `from`, or
   * `chunk.length` when no block ends inside it. Throws an Error for malformed framing.
   */
  nextCut(chunk: Uint8Array, from: number): number {
    let pos = from;
    const length = chunk.length;
    while (pos < length) {
      if (this.state === SKIP) {
        const take = Math.min(this.remaining, length - pos);
        pos += take;
        this.remaining -= take;
        if (this.remaining > 0) return length;
        const blockEnded = this.after === BLOCK_HEADER || this.lastBlock;
        this.enter(this.after);
        if (blockEnded) return pos;
        continue;
      }
      const need = this.state === DESCRIPTOR ? 1 : this.state === BLOCK_HEADER ? 3 : 4;
      while (this.have < need && pos < length) this.header[this.have++] = chunk[pos++]!;
      if (this.have < need) return length;
      this.have = 0;
      this.parseHeader();
    }
    return length;
  }

  private enter(state: number): void {
    if (state === MAGIC) this.lastBlock = false;
    this.state = state;
  }

  private skip(bytes: number, after: number): void {
    this.remaining = bytes;
    this.after = after;
    this.state = SKIP;
  }

  private parseHeader(): void {
    const h = this.header;
    switch (this.state) {
      case MAGIC: {
        const magic = h.readUInt32LE(0);
        if (magic === FRAME_MAGIC) this.state = DESCRIPTOR;
        else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) this.state = SKIPPABLE_SIZE;
        else throw new Error('invalid zstd data: unknown frame magic number');
        return;
      }
      case SKIPPABLE_SIZE:
        this.skip(h.readUInt32LE(0), MAGIC);
        return;
      case DESCRIPTOR: {
        const fhd = h[0]!;
        if ((fhd & 0x08) !== 0) throw new Error('invalid zstd data: reserved frame header bit set');
        const singleSegment = (fhd >> 5) & 1;
        const fcsFlag = fhd >> 6;
        const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
        const dictBytes = [0, 1, 2, 4][fhd & 3]!;
        this.checksum = (fhd & 0x04) !== 0;
        this.skip((singleSegment === 1 ? 0 : 1) + dictBytes + fcsBytes, BLOCK_HEADER);
        return;
      }
      default: {
        const bits = h[0]! | (h[1]! << 8) | (h[2]! << 16);
        const type = (bits >> 1) & 3;
        const size = bits >>> 3;
        if (type === 3) throw new Error('invalid zstd data: reserved block type');
        if (size > MAX_BLOCK) throw new Error('invalid zstd data: block larger than 128 KiB');
        this.lastBlock = (bits & 1) === 1;
        const content = type === 1 ? 1 : size;
        const trailer = this.lastBlock && this.checksum ? 4 : 0;
        this.skip(content + trailer, this.lastBlock ? MAGIC : BLOCK_HEADER);
      }
    }
  }
}
