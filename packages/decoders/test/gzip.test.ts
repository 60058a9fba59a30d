import { gzipSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { createDecodingSource, decodeBuffer } from '../src/index.ts';
import { noise, sampleText } from './helpers/data.ts';
import { ArraySource, chunksOf, readAll, rejectionOf, split } from './helpers/sources.ts';

const text = sampleText(200_000);
const gz = gzipSync(text);
const shortText = sampleText(40_000, 8);
const shortGz = gzipSync(shortText);

describe('gzip', () => {
  it.each([1, 3, 10, 11, 100, 4096, 65_536, 1 << 20])(
    'decodes a body arriving in %i-byte chunks',
    async (size) => {
      // Tiny chunks on a shorter body: the same code paths in a fraction of the time.
      const [input, expected] = size < 100 ? [shortGz, shortText] : [gz, text];
      const out = await readAll(createDecodingSource(chunksOf(input, size), 'gzip'));
      expect(out.equals(expected)).toBe(true);
    },
  );

  it('treats x-gzip and any letter case as gzip', async () => {
    expect((await decodeBuffer(gz, 'x-gzip')).equals(text)).toBe(true);
    expect((await decodeBuffer(gz, ' GZip ')).equals(text)).toBe(true);
  });

  it('decodes every member of a multi-member body', async () => {
    const parts = [sampleText(70_000, 5), Buffer.from('b'), noise(20_000, 2)];
    const body = Buffer.concat(parts.map((p) => gzipSync(p)));
    for (const size of [3, 17, 65_536]) {
      const out = await readAll(createDecodingSource(chunksOf(body, size), 'gzip'));
      expect(out.equals(Buffer.concat(parts))).toBe(true);
    }
  });

  it('ignores trailing garbage and zero padding after a complete member, reading it all', async () => {
    for (const tail of [
      Buffer.from('garbage!'),
      Buffer.alloc(100),
      Buffer.from([0x1f, 0x8b, 0xff]),
    ]) {
      const body = Buffer.concat([gzipSync('abc'), gzipSync('def'), tail]);
      for (const size of [1, 5, 1000]) {
        const raw = chunksOf(body, size);
        const out = await readAll(createDecodingSource(raw, 'gzip'));
        expect(out.toString()).toBe('abcdef');
        expect(raw.remaining).toBe(0);
      }
    }
  });

  it('keeps the output of complete members when a later member is corrupt or cut off', async () => {
    const second = gzipSync(sampleText(50_000, 9));
    const corrupt = Buffer.from(second);
    corrupt[200] ^= 0xff;
    for (const tail of [corrupt, second.subarray(0, 300), second.subarray(0, second.length - 3)]) {
      const body = Buffer.concat([gzipSync('first member '), tail]);
      const out = await decodeBuffer(body, 'gzip');
      expect(out.subarray(0, 13).toString()).toBe('first member ');
    }
  });

  it('rejects garbage in the first member with DecodeError naming the coding', async () => {
    const error = await rejectionOf(decodeBuffer(Buffer.from('this is not gzip'), 'gzip'));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toBe(
      'Received response with content-encoding: gzip, but failed to decode it.',
    );
    expect((error.cause as Error).message).toMatch(/incorrect header check/);
  });

  it('rejects a first member truncated anywhere', async () => {
    const small = gzipSync(sampleText(5000, 4));
    for (let cut = 1; cut < small.length; cut += cut < 40 ? 1 : 97) {
      const raw = chunksOf(small.subarray(0, cut), 7);
      const error = await rejectionOf(readAll(createDecodingSource(raw, 'gzip')));
      expect(error).toBeInstanceOf(DecodeError);
      expect(error.message).toContain('content-encoding: gzip');
      expect(error.cause).toBeInstanceOf(Error);
    }
  });

  it('rejects corrupt deflate data and a wrong CRC-32 or length in the trailer', async () => {
    const cases: Buffer[] = [];
    const badData = Buffer.from(gz);
    badData[100] ^= 0x55;
    cases.push(badData);
    const badCrc = Buffer.from(gz);
    badCrc[gz.length - 6] ^= 1;
    cases.push(badCrc);
    const badSize = Buffer.from(gz);
    badSize[gz.length - 2] ^= 1;
    cases.push(badSize);
    const messages: string[] = [];
    for (const body of cases) {
      const error = await rejectionOf(decodeBuffer(body, 'gzip'));
      expect(error).toBeInstanceOf(DecodeError);
      messages.push((error.cause as Error).message);
    }
    expect(messages[1]).toBe('incorrect data check');
    expect(messages[2]).toBe('incorrect length check');
  });

  it('parses headers with FEXTRA, FNAME, FCOMMENT and FHCRC split across chunks', async () => {
    const plain = gzipSync('payload');
    const extra = Buffer.from([5, 0, 1, 2, 3, 4, 5]);
    const header = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0x04 | 0x08 | 0x10 | 0x02, 0, 0, 0, 0, 0, 3]),
      extra,
      Buffer.from('name.txt\0a comment\0'),
      Buffer.from([0xaa, 0xbb]),
    ]);
    const body = Buffer.concat([header, plain.subarray(10)]);
    for (const size of [1, 2, 9, 64]) {
      expect((await readAll(createDecodingSource(chunksOf(body, size), 'gzip'))).toString()).toBe(
        'payload',
      );
    }
  });

  it('decodes an empty body to an empty body', async () => {
    expect((await decodeBuffer(Buffer.alloc(0), 'gzip')).length).toBe(0);
  });

  it('destroys the raw source when decoding fails', async () => {
    const raw = new ArraySource(split(Buffer.from('not gzip at all'), 4));
    await rejectionOf(readAll(createDecodingSource(raw, 'gzip')));
    expect(raw.destroyed).toBeInstanceOf(DecodeError);
  });
});
