import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { createDecodingSource, decodeBuffer, decodeStream } from '../src/index.ts';
import { CODING, ENCODE } from './helpers/encoders.ts';
import { ArraySource, RepeatSource, readAll, rejectionOf, split } from './helpers/sources.ts';

const MiB = 1 << 20;
// 64 MiB of zeros gzip to ~64 KiB; repeating that member 160 times makes a 10 GiB body.
const zeroMember = gzipSync(Buffer.alloc(64 * MiB), { level: 9 });

function rss(): number {
  return process.memoryUsage().rss;
}

describe('maxDecodedSize', () => {
  it('stops a 10 GiB gzip bomb at the cap without expanding it', async () => {
    const raw = new RepeatSource(zeroMember, 160);
    const cap = 100 * MiB;
    const decoded = createDecodingSource(raw, 'gzip', { maxDecodedSize: cap });
    const before = rss();
    let total = 0;
    let peak = before;
    const error = await rejectionOf(
      (async () => {
        for (let c = await decoded.next(); c !== null; c = await decoded.next()) {
          total += c.length;
          if ((total & (8 * MiB - 1)) === 0) peak = Math.max(peak, rss());
        }
      })(),
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toContain(`maxDecodedSize (${cap} bytes)`);
    expect(total).toBeLessThanOrEqual(cap);
    expect(total).toBeGreaterThan(cap - 65_536);
    // Only about two members of the 160 were read from the wire.
    expect(raw.bytesPulled).toBeLessThan(3 * zeroMember.length);
    expect(raw.destroyed).toBe(true);
    expect(peak - before).toBeLessThan(64 * MiB);
    // Later reads fail the same way.
    expect(await rejectionOf(decoded.next())).toBe(error);
  });

  it('allows a body of exactly the cap and rejects one byte more', async () => {
    const data = Buffer.alloc(100_000, 7);
    for (const key of Object.keys(ENCODE)) {
      const body = ENCODE[key]!(data);
      const coding = CODING[key]!;
      expect((await decodeBuffer(body, coding, { maxDecodedSize: 100_000 })).length).toBe(100_000);
      const error = await rejectionOf(decodeBuffer(body, coding, { maxDecodedSize: 99_999 }));
      expect(error).toBeInstanceOf(DecodeError);
      expect(error.message).toContain('99999 bytes');
    }
  });

  it('caps zstd (RLE blocks) and stacked codings too', async () => {
    const zeros = readFileSync(new URL('./fixtures/zeros-4m.zst', import.meta.url));
    expect((await decodeBuffer(zeros, 'zstd')).length).toBe(4 * MiB);
    expect(await rejectionOf(decodeBuffer(zeros, 'zstd', { maxDecodedSize: MiB }))).toBeInstanceOf(
      DecodeError,
    );
    const stacked = ENCODE.br!(gzipSync(Buffer.alloc(8 * MiB)));
    const raw = new ArraySource(split(stacked, 1000));
    const error = await rejectionOf(
      readAll(createDecodingSource(raw, 'gzip, br', { maxDecodedSize: MiB })),
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect(raw.destroyed).toBe(error);
  });
});

describe('bounded memory', () => {
  it('decodes a 1 GiB gzip body through a stream with flat RSS', async () => {
    const raw = new RepeatSource(zeroMember, 16);
    async function* rawChunks() {
      for (let c = await raw.next(); c !== null; c = await raw.next()) yield c;
    }
    const before = rss();
    let peak = before;
    let total = 0;
    let chunks = 0;
    for await (const chunk of decodeStream(rawChunks(), 'gzip')) {
      total += chunk.length;
      if ((++chunks & 255) === 0) peak = Math.max(peak, rss());
    }
    expect(total).toBe(1024 * MiB);
    // Flat: garbage 64 KiB chunks awaiting GC (about 30 MiB here), not the 1 GiB body.
    expect(peak - before).toBeLessThan(96 * MiB);
  });
});
