import { gzipSync } from 'node:zlib';
import type { ChunkSource } from '@urlpool/core';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { createDecodingSource } from '../src/index.ts';
import { sampleText } from './helpers/data.ts';
import { CODING, ENCODE, ZSTD_FIXTURE } from './helpers/encoders.ts';
import { chunksOf, rejectionOf } from './helpers/sources.ts';

type SyncSource = ChunkSource & { tryNext(): Buffer | null | undefined };

const text = sampleText(500_000, 31);
const cases = [
  ...Object.keys(ENCODE).map((key) => ({ coding: CODING[key]!, body: ENCODE[key]!(text), text })),
  { coding: 'zstd', body: ZSTD_FIXTURE.body, text: ZSTD_FIXTURE.text },
  { coding: 'gzip, br', body: ENCODE.br!(gzipSync(text)), text },
];

describe.each(cases)('tryNext() on $coding', ({ coding, body, text: expected }) => {
  it('mixed with next() yields the same bytes, sometimes without awaiting', async () => {
    for (const options of [undefined, { maxDecodedSize: 1 << 30 }]) {
      const source = createDecodingSource(chunksOf(body, 65_536), coding, options) as SyncSource;
      expect(typeof source.tryNext).toBe('function');
      const chunks: Buffer[] = [];
      let sync = 0;
      let waitForEngine = false;
      for (;;) {
        let chunk = source.tryNext();
        // Every third chunk, give the engine time to get a chunk ready so the sync path is
        // exercised: polled (up to 100 ms) rather than one fixed sleep, which a loaded CI machine
        // can outlast.
        for (let i = 0; waitForEngine && chunk === undefined && i < 20; i++) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          chunk = source.tryNext();
        }
        waitForEngine = false;
        if (chunk !== undefined) sync++;
        else chunk = await source.next();
        if (chunk === null) break;
        chunks.push(chunk);
        if (chunks.length % 3 === 0) waitForEngine = true;
      }
      expect(Buffer.concat(chunks).equals(expected)).toBe(true);
      expect(sync).toBeGreaterThan(0);
      expect(source.tryNext()).toBeNull();
    }
  });
});

describe('tryNext()', () => {
  it('returns undefined while a next() is pending', async () => {
    const source = createDecodingSource(chunksOf(gzipSync(text), 1000), 'gzip') as SyncSource;
    const pending = source.next();
    expect(source.tryNext()).toBeUndefined();
    expect((await pending)!.length).toBeGreaterThan(0);
  });

  it('serves overlapping next() calls in order', async () => {
    const data = sampleText(300_000, 2);
    for (const coding of ['gzip', 'br', 'deflate']) {
      const key = coding === 'gzip' ? 'gzip' : coding;
      const source = createDecodingSource(chunksOf(ENCODE[key]!(data), 4096), coding);
      const chunks: Buffer[] = [];
      for (;;) {
        const batch = await Promise.all([source.next(), source.next(), source.next()]);
        for (const chunk of batch) if (chunk !== null) chunks.push(chunk);
        if (batch[2] === null) break;
      }
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
    }
  });

  it('throws the failure once decoding failed', async () => {
    const source = createDecodingSource(chunksOf(Buffer.from('not brotli'), 3), 'br') as SyncSource;
    const error = await rejectionOf(source.next());
    expect(error).toBeInstanceOf(DecodeError);
    expect(() => source.tryNext()).toThrow(error);
  });

  it('enforces maxDecodedSize on the synchronous path too', async () => {
    const source = createDecodingSource(chunksOf(gzipSync(Buffer.alloc(8 << 20)), 65_536), 'gzip', {
      maxDecodedSize: 1 << 20,
    }) as SyncSource;
    let total = 0;
    const error = await rejectionOf(
      (async () => {
        for (;;) {
          await new Promise((resolve) => setImmediate(resolve));
          let chunk = source.tryNext();
          if (chunk === undefined) chunk = await source.next();
          if (chunk === null) return;
          total += chunk.length;
        }
      })(),
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect(total).toBeLessThanOrEqual(1 << 20);
  });
});
