import { gzipSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { createDecodingSource } from '../src/index.ts';
import { noise, sampleText } from './helpers/data.ts';
import { CODING, ENCODE, ZSTD_FIXTURE } from './helpers/encoders.ts';
import { readAll, rejectionOf, SyncArraySource, split } from './helpers/sources.ts';

// Upstreams with a synchronous tryNext() (as RawBodyReader has) let the decoders hand the zlib
// engine its next input early. These tests run the decoders over such upstreams.
const text = sampleText(400_000, 51);
const sync = (buf: Buffer, size: number) => new SyncArraySource(split(buf, size));

describe.each(Object.keys(ENCODE))('%s over a tryNext() upstream', (key) => {
  const body = ENCODE[key]!(text);
  it.each([7, 1000, 16_384, 65_536])('decodes exactly from %i-byte chunks', async (size) => {
    const raw = sync(body, size);
    const out = await readAll(createDecodingSource(raw, CODING[key]!));
    expect(out.equals(text)).toBe(true);
    expect(raw.remaining).toBe(0);
    if (size >= 1000) expect(raw.syncPulls).toBeGreaterThan(0);
  });

  it('rejects the body truncated', async () => {
    const raw = sync(body.subarray(0, body.length >> 1), 4096);
    expect(await rejectionOf(readAll(createDecodingSource(raw, CODING[key]!)))).toBeInstanceOf(
      DecodeError,
    );
  });
});

describe('feeding ahead', () => {
  it('keeps gzip multi-member and trailing-garbage rules', async () => {
    const parts = [sampleText(100_000, 1), noise(50_000, 2), sampleText(3, 3)];
    const body = Buffer.concat([...parts.map((p) => gzipSync(p)), Buffer.from('trailing garbage')]);
    for (const size of [5, 333, 65_536]) {
      const raw = sync(body, size);
      expect((await readAll(createDecodingSource(raw, 'gzip'))).equals(Buffer.concat(parts))).toBe(
        true,
      );
      expect(raw.remaining).toBe(0);
    }
  });

  it('takes at most one raw chunk beyond what the output needs', async () => {
    const raw = sync(gzipSync(noise(2 << 20, 9)), 4096);
    const decoded = createDecodingSource(raw, 'gzip');
    await decoded.next();
    // Incompressible data: a 64 KiB output chunk needs ~16 raw chunks; allow one lookahead
    // chunk for the engine plus one fed ahead.
    expect(raw.bytesPulled).toBeLessThanOrEqual(65_536 + 3 * 4096 + 65_536);
    decoded.destroy();
  });

  it('works for stacks and zstd', async () => {
    const stacked = ENCODE.br!(ENCODE.gzip!(text));
    expect(
      (await readAll(createDecodingSource(sync(stacked, 8192), 'gzip, br'))).equals(text),
    ).toBe(true);
    const zstd = await readAll(createDecodingSource(sync(ZSTD_FIXTURE.body, 999), 'zstd'));
    expect(zstd.equals(ZSTD_FIXTURE.text)).toBe(true);
  });
});
