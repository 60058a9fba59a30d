import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDecodingSource, decodeStream } from '../src/index.ts';
import { noise, sampleText } from './helpers/data.ts';
import { CODING, ENCODE } from './helpers/encoders.ts';
import { ArraySource, chunksOf, readAll, split } from './helpers/sources.ts';

const SIZES = [0, 1, 2, 3, 255, 4096, 65_535, 65_536, 65_537, 131_071, 131_072, 131_073, 1_000_003];

describe.each(Object.keys(ENCODE))('%s: exact amounts', (key) => {
  it.each(SIZES)('decodes exactly %i bytes from 8191-byte raw chunks', async (size) => {
    // Half text, half noise: both long matches and stored blocks.
    const data = Buffer.concat([sampleText(size >> 1, size), noise(size - (size >> 1), size)]);
    const body = ENCODE[key]!(data);
    const out = await readAll(createDecodingSource(chunksOf(body, 8191), CODING[key]!));
    expect(out.length).toBe(size);
    expect(out.equals(data)).toBe(true);
  });
});

describe('pulling only what is needed', () => {
  it('reads little raw input to produce the first decoded chunk of a long body', async () => {
    const data = noise(4 << 20, 5);
    const raw = chunksOf(gzipSync(data), 1024);
    const decoded = createDecodingSource(raw, 'gzip');
    const first = await decoded.next();
    expect(first!.length).toBeGreaterThan(0);
    // One 64 KiB output chunk plus the engine's one chunk of lookahead, not the whole body.
    expect(raw.bytesPulled).toBeLessThan(3 * 65_536);
    const pulledAfterFirst = raw.bytesPulled;
    await decoded.next();
    expect(raw.bytesPulled).toBeLessThan(pulledAfterFirst + 2 * 65_536);
    decoded.destroy();
    expect(raw.destroyed).toBeUndefined();
  });

  it('does not read further input while highly compressed input still yields output', async () => {
    const body = gzipSync(Buffer.alloc(16 << 20));
    const raw = new ArraySource(split(body, 65_536));
    const decoded = createDecodingSource(raw, 'gzip');
    for (let i = 0; i < 10; i++) expect((await decoded.next())!.length).toBe(65_536);
    expect(raw.pulls).toBe(1);
    decoded.destroy();
  });

  it('yields each decodeStream chunk before pulling past what it needs', async () => {
    const data = sampleText(1 << 20, 3);
    const pieces = split(gzipSync(data), 4096);
    let pulled = 0;
    async function* body() {
      for (const piece of pieces) {
        pulled++;
        yield piece;
      }
    }
    const out: Buffer[] = [];
    for await (const chunk of decodeStream(body(), 'gzip')) {
      out.push(chunk);
      if (out.length === 1) expect(pulled).toBeLessThan(pieces.length);
    }
    expect(Buffer.concat(out).equals(data)).toBe(true);
  });
});
