// zstd frame layout, RFC 8878 §3.1. Used only to find block boundaries; fzstd does the decoding.
const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** Block_Maximum_Size can never exceed 128 KiB (RFC 8878 §3.1.1.2.3). */
const MAX_BLOCK = 128 * 1024;
/**
 * The largest window the `zstd` content coding allows (RFC 9659 §3): encoders must not need
 * more, and accepting more would let a 20-byte body make fzstd allocate up to 2 GiB.
 */
export const MAX_ZSTD_WINDOW: number = 8 * 1024 * 1024;

const MAGIC = 0; // collecting 4 magic bytes
const SKIPPABLE_SIZE = 1; // collecting the 4-byte size of a skippable frame
const DESCRIPTOR = 2; // collecting the Frame_Header_Descriptor byte
const BLOCK_HEADER = 3; // collecting a 3-byte block header
const SKIP = 4; // skipping `remaining` bytes, then going to `after`
const HEADER_REST = 5; // collecting window descriptor, dictionary id and content size

/**
 * Walks a zstd byte stream without decoding it, to find where each block ends. Feeding fzstd
 * exactly up to a block end means one `push()` produces at most one block (<= 128 KiB) of
 * output, however compressible the data: memory stays bounded although fzstd cannot be paused.
 * Also rejects what fzstd would take on trust: oversized blocks, reserved block types, and
 * windows over {@link MAX_ZSTD_WINDOW}.
 */
export class ZstdBlockTracker {
  private state = MAGIC;
  private readonly header = new Uint8Array(16);
  private readonly view = new DataView(this.header.buffer);
  private have = 0;
  /** Header bytes to collect in the current state. */
  private need = 4;
  /** Frame_Header_Descriptor of the current frame. */
  private descriptor = 0;
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
      const need = this.need;
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
    this.need = state === BLOCK_HEADER ? 3 : state === DESCRIPTOR ? 1 : 4;
  }

  private skip(bytes: number, after: number): void {
    this.need = 0;
    this.remaining = bytes;
    this.after = after;
    this.state = SKIP;
  }

  private parseHeader(): void {
    const h = this.header;
    switch (this.state) {
      case MAGIC: {
        const magic = this.view.getUint32(0, true);
        if (magic === FRAME_MAGIC) this.enter(DESCRIPTOR);
        else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) this.enter(SKIPPABLE_SIZE);
        else throw new Error('invalid zstd data: unknown frame magic number');
        return;
      }
      case SKIPPABLE_SIZE:
        this.skip(this.view.getUint32(0, true), MAGIC);
        return;
      case DESCRIPTOR: {
        const fhd = h[0]!;
        if ((fhd & 0x08) !== 0) throw new Error('invalid zstd data: reserved frame header bit set');
        this.descriptor = fhd;
        this.checksum = (fhd & 0x04) !== 0;
        const singleSegment = (fhd >> 5) & 1;
        const fcsFlag = fhd >> 6;
        const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
        // Never 0: a frame has a window descriptor or (single segment) a content size.
        this.need = (singleSegment === 1 ? 0 : 1) + DICT_ID_BYTES[fhd & 3]! + fcsBytes;
        this.state = HEADER_REST;
        return;
      }
      case HEADER_REST: {
        const window = windowSize(this.descriptor, h, this.need);
        if (window > MAX_ZSTD_WINDOW) {
          throw new Error(
            `zstd window of ${window} bytes is over the ${MAX_ZSTD_WINDOW}-byte limit of the zstd content coding (RFC 9659)`,
          );
        }
        this.enter(BLOCK_HEADER);
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

const DICT_ID_BYTES = [0, 1, 2, 4];

/** Window_Size of a frame (RFC 8878 §3.1.1.1.2), from its descriptor and the header bytes after it. */
function windowSize(descriptor: number, rest: Uint8Array, length: number): number {
  if (((descriptor >> 5) & 1) === 0) {
    const exponent = rest[0]! >> 3;
    const base = 2 ** (10 + exponent);
    return base + (base / 8) * (rest[0]! & 7);
  }
  // Single segment: the window is the frame content size, stored last in the header.
  const fcsBytes = length - DICT_ID_BYTES[descriptor & 3]!;
  const at = length - fcsBytes;
  switch (fcsBytes) {
    case 1:
      return rest[at]!;
    case 2:
      return dataView(rest).getUint16(at, true) + 256;
    case 4:
      return dataView(rest).getUint32(at, true);
    default:
      return Number(dataView(rest).getBigUint64(at, true));
  }
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
