import { createHash } from 'node:crypto';

const WORDS = [
  'pool',
  'connection',
  'header',
  'gzip',
  'brotli',
  'zstd',
  'deflate',
  'chunk',
  'stream',
  'request',
  'response',
  'retry',
  'timeout',
  'proxy',
  'socket',
  'buffer',
  'decode',
  'body',
];

/**
 * Deterministic, compressible sample text of exactly `size` bytes (a seeded xorshift PRNG
 * picks words), so fixtures generated from it can be checked byte for byte.
 */
export function sampleText(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let state = seed >>> 0 || 1;
  let pos = 0;
  let line = 0;
  while (pos < size) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const word = `${WORDS[state % WORDS.length]}${state % 7 === 0 ? `-${state % 1000}` : ''}`;
    const sep = ++line % 12 === 0 ? '\n' : ' ';
    pos += out.write(word + sep, pos);
  }
  return out;
}

/** Deterministic incompressible bytes (SHA-256 in counter mode). */
export function noise(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  for (let pos = 0, i = 0; pos < size; pos += 32, i++) {
    createHash('sha256').update(`${seed}:${i}`).digest().copy(out, pos);
  }
  return out;
}
