import { describe, expect, it } from 'vitest';
import {
  createDecodingSource,
  decodeBuffer,
  isDecodingNeeded,
  MAX_DECODE_LINKS,
  supportedEncodings,
} from '../src/index.ts';
import { chunksOf } from './helpers/sources.ts';

describe('what needs decoding', () => {
  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    [' , ', false],
    ['identity', false],
    ['compress', false],
    ['identity, identity', false],
    ['gzip', true],
    ['X-GZIP', true],
    ['deflate', true],
    ['br', true],
    ['zstd', true],
    ['identity, br', true],
    ['compress, gzip', true],
  ])('isDecodingNeeded(%j) is %s', (header, expected) => {
    expect(isDecodingNeeded(header)).toBe(expected);
  });

  it.each([undefined, null, '', 'identity', 'compress', 'IDENTITY', 'identity, identity'])(
    'createDecodingSource returns the raw source itself for %j',
    (header) => {
      const raw = chunksOf(Buffer.from('abc'), 1);
      expect(createDecodingSource(raw, header)).toBe(raw);
      expect(createDecodingSource(raw, header, { maxDecodedSize: 1 })).toBe(raw);
    },
  );

  it('passes unknown single codings through undecoded', async () => {
    const body = Buffer.from('compressed with something else');
    expect((await decodeBuffer(body, 'compress')).equals(body)).toBe(true);
  });

  it('lists the codings this runtime decodes, in Accept-Encoding form', () => {
    const codings = supportedEncodings();
    expect(codings.slice(0, 3)).toEqual(['gzip', 'deflate', 'br']);
    for (const coding of codings) expect(isDecodingNeeded(coding)).toBe(true);
    expect(MAX_DECODE_LINKS).toBe(5);
  });

  it('rejects a maxDecodedSize that is not a byte count', () => {
    const raw = chunksOf(Buffer.from('abc'), 1);
    expect(() => createDecodingSource(raw, 'gzip', { maxDecodedSize: -1 })).toThrow(RangeError);
    expect(() => createDecodingSource(raw, 'gzip', { maxDecodedSize: 1.5 })).toThrow(RangeError);
  });
});
