import { readFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { FzstdSource } from '../src/fzstd-source.ts';
import { createDecodingSource, decodeBuffer, supportedEncodings } from '../src/index.ts';
import { sampleText } from './helpers/data.ts';
import { chunksOf, readAll, rejectionOf } from './helpers/sources.ts';

// Fixtures made by the zstd CLI from sampleText (see fixtures/make-zstd-fixtures.ts).
const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const small = fixture('small.zst');
const large = fixture('large.zst');
const multi = fixture('multi.zst');
const smallText = sampleText(1000, 1);
const largeText = sampleText(300_000, 2);
const multiText = Buffer.concat([largeText, sampleText(70_000, 3)]);
const hasNative = typeof (zlib as Record<string, unknown>).createZstdDecompress === 'function';

// Both engines where the runtime has both: the public path (native when present) and fzstd.
const engines = {
  createDecodingSource: (raw: ReturnType<typeof chunksOf>) => createDecodingSource(raw, 'zstd'),
  fzstd: (raw: ReturnType<typeof chunksOf>) => new FzstdSource(raw),
};

it('lists zstd as supported (native zlib or fzstd)', () => {
  expect(supportedEncodings()).toContain('zstd');
});

describe.each(Object.entries(engines))('zstd via %s', (_name, decode) => {
  it.each([1, 7, 1000, 65_536, 1 << 20])(
    'decodes single frames in %i-byte chunks',
    async (size) => {
      expect((await readAll(decode(chunksOf(small, size)))).equals(smallText)).toBe(true);
      if (size >= 7)
        expect((await readAll(decode(chunksOf(large, size)))).equals(largeText)).toBe(true);
    },
  );

  it.each([13, 4096, 65_536])('decodes a multi-frame body in %i-byte chunks', async (size) => {
    expect((await readAll(decode(chunksOf(multi, size)))).equals(multiText)).toBe(true);
  });

  it('decodes an empty body to an empty body', async () => {
    expect((await readAll(decode(chunksOf(Buffer.alloc(0), 1)))).length).toBe(0);
  });

  it('rejects truncated frames with DecodeError naming zstd', async () => {
    for (const cut of [1, 4, 10, Math.floor(large.length / 2), large.length - 1]) {
      const error = await rejectionOf(readAll(decode(chunksOf(large.subarray(0, cut), 4096))));
      expect(error).toBeInstanceOf(DecodeError);
      expect(error.message).toBe(
        'Received response with content-encoding: zstd, but failed to decode it.',
      );
      expect(error.cause).toBeInstanceOf(Error);
    }
  });

  it('rejects data that is not zstd', async () => {
    const error = await rejectionOf(
      readAll(decode(chunksOf(Buffer.from('definitely not zstd data'), 5))),
    );
    expect(error).toBeInstanceOf(DecodeError);
  });
});

it('has the native decoder exactly on runtimes that ship one (22.15+, 23.8+)', () => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ships = major >= 24 || (major === 23 && minor >= 8) || (major === 22 && minor >= 15);
  expect(hasNative).toBe(ships);
});

describe.runIf(hasNative)('native zstd', () => {
  it('is what createDecodingSource uses', async () => {
    expect(createDecodingSource(chunksOf(small, 10), 'zstd')).not.toBeInstanceOf(FzstdSource);
  });
});

describe.skipIf(hasNative)('zstd without native zlib support', () => {
  it('falls back to fzstd', async () => {
    expect(createDecodingSource(chunksOf(small, 10), 'zstd')).toBeInstanceOf(FzstdSource);
    expect((await decodeBuffer(multi, 'zstd')).equals(multiText)).toBe(true);
  });
});
