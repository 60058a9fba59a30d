/** The 64-byte period of {@link patternBytes} (printable ASCII, so bodies are readable). */
export const PATTERN_ALPHABET: string =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const PERIOD = PATTERN_ALPHABET.length;

/**
 * Bytes `offset .. offset + size` of an endless repetition of {@link PATTERN_ALPHABET}; what
 * `/large`, `/encoding/:coding` and `/stall-body` send, so tests can rebuild the expected body.
 *
 * @example
 * ```ts
 * expect(body.equals(patternBytes(body.length))).toBe(true);
 * ```
 */
export function patternBytes(size: number, offset = 0): Buffer {
  const start = offset % PERIOD;
  if (size === 0) return Buffer.alloc(0);
  // Buffer#fill repeats the (rotated) alphabet natively: fast even for large bodies.
  const rotated = PATTERN_ALPHABET.slice(start) + PATTERN_ALPHABET.slice(0, start);
  return Buffer.allocUnsafe(size).fill(rotated, 'latin1');
}

/**
 * A block of `chunkSize + 64` pattern bytes: any chunk of the endless pattern is a slice of it
 * (`block.subarray(offset % 64, offset % 64 + chunkSize)`), so streaming 1 GiB allocates once.
 */
export function patternBlock(chunkSize: number): Buffer {
  return patternBytes(chunkSize + PERIOD);
}

/** The slice of a {@link patternBlock} holding pattern bytes `offset .. offset + length`. */
export function patternSlice(block: Buffer, offset: number, length: number): Buffer {
  const start = offset % PERIOD;
  return block.subarray(start, start + length);
}

/**
 * `n` deterministic pseudo-random bytes (xorshift32) for a seed; what `/bytes/:n?seed=` and
 * `/stream-bytes/:n?seed=` send.
 *
 * @example
 * ```ts
 * expect(body.equals(seededBytes(1024, 7))).toBe(true);
 * ```
 */
export function seededBytes(n: number, seed = 0): Buffer {
  const out = Buffer.allocUnsafe(n);
  // xorshift32 must not start at 0; mix the seed so small seeds differ from each other.
  let x = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) | 0 || 0x12345678;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
