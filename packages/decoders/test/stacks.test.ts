import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { createDecodingSource, decodeBuffer } from '../src/index.ts';
import { sampleText } from './helpers/data.ts';
import { CODING, ENCODE, ZSTD_FIXTURE } from './helpers/encoders.ts';
import { chunksOf, readAll, rejectionOf } from './helpers/sources.ts';

const text = sampleText(120_000, 11);
const names = Object.keys(ENCODE);

/** Applies `keys` in order (first applied first), as a server would, and names the chain. */
function encodeChain(data: Buffer, keys: string[]): { body: Buffer; header: string } {
  let body = data;
  for (const key of keys) body = ENCODE[key]!(body);
  return { body, header: keys.map((k) => CODING[k]).join(', ') };
}

describe('stacked codings', () => {
  const pairs = names.flatMap((a) => names.map((b) => [a, b]));
  it.each(pairs)('undoes %s then %s in reverse order', async (a, b) => {
    const { body, header } = encodeChain(text, [a!, b!]);
    for (const size of [333, 65_536]) {
      expect((await readAll(createDecodingSource(chunksOf(body, size), header))).equals(text)).toBe(
        true,
      );
    }
  });

  it.each([
    [['gzip', 'br', 'deflate']],
    [['br', 'deflate-raw', 'gzip']],
    [['deflate', 'gzip', 'br']],
  ])('undoes the three-coding chain %j', async (keys) => {
    const { body, header } = encodeChain(text, keys);
    expect((await decodeBuffer(body, header)).equals(text)).toBe(true);
  });

  it('undoes zstd under and over other codings', async () => {
    const over = ENCODE.br!(ZSTD_FIXTURE.body);
    expect((await decodeBuffer(over, 'zstd, br')).equals(ZSTD_FIXTURE.text)).toBe(true);
    expect(
      (await decodeBuffer(ZSTD_FIXTURE.body, 'identity, zstd')).equals(ZSTD_FIXTURE.text),
    ).toBe(true);
  });

  it('fails when the header order does not match the applied order', async () => {
    const { body } = encodeChain(text, ['gzip', 'br']);
    const error = await rejectionOf(decodeBuffer(body, 'br, gzip'));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toBe(
      'Received response with content-encoding: br, gzip, but failed to decode it.',
    );
  });

  it('skips identity and accepts exactly five codings', async () => {
    const keys = ['gzip', 'br', 'deflate', 'gzip'];
    const { body } = encodeChain(text, keys);
    expect((await decodeBuffer(body, 'gzip, br, identity, deflate, gzip')).equals(text)).toBe(true);
  });

  it('throws synchronously for more than five codings', () => {
    const raw = chunksOf(Buffer.from('x'), 1);
    expect(() => createDecodingSource(raw, 'gzip, gzip, gzip, gzip, gzip, gzip')).toThrow(
      new DecodeError('Too many content encodings in the chain: 6 > 5'),
    );
    expect(() => createDecodingSource(raw, 'gzip,br,deflate,identity,gzip,br,gzip')).toThrowError(
      /^Too many content encodings in the chain: 7 > 5$/,
    );
  });

  it('fails on read, naming the chain, when a stack holds an unknown coding', async () => {
    const { body } = encodeChain(text, ['gzip']);
    const error = await rejectionOf(decodeBuffer(body, 'compress, gzip'));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error.cause as Error).message).toBe("Unsupported content coding 'compress'.");
  });
});
