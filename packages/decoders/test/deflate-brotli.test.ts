import { brotliCompressSync, deflateRawSync, deflateSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { createDecodingSource, decodeBuffer } from '../src/index.ts';
import { noise, sampleText } from './helpers/data.ts';
import { ArraySource, chunksOf, readAll, rejectionOf } from './helpers/sources.ts';

const text = sampleText(300_000, 7);
const shortText = sampleText(40_000, 8);
const encoders = {
  'deflate (zlib-wrapped)': { coding: 'deflate', encode: (b: Buffer) => deflateSync(b) },
  'deflate (raw)': { coding: 'deflate', encode: (b: Buffer) => deflateRawSync(b) },
  br: { coding: 'br', encode: (b: Buffer) => brotliCompressSync(b) },
};

describe.each(Object.entries(encoders))('%s', (_name, { coding, encode }) => {
  const body = encode(text);
  const shortBody = encode(shortText);

  it.each([1, 2, 5, 1000, 65_536, 1 << 20])(
    'decodes a body arriving in %i-byte chunks',
    async (size) => {
      // Tiny chunks on a shorter body: the same code paths in a fraction of the time.
      const [input, expected] = size < 100 ? [shortBody, shortText] : [body, text];
      const out = await readAll(createDecodingSource(chunksOf(input, size), coding));
      expect(out.equals(expected)).toBe(true);
    },
  );

  it('decodes incompressible data', async () => {
    const data = noise(200_000, 3);
    expect((await decodeBuffer(encode(data), coding)).equals(data)).toBe(true);
  });

  it('decodes an empty body and the encoding of an empty body', async () => {
    expect((await decodeBuffer(Buffer.alloc(0), coding)).length).toBe(0);
    expect((await decodeBuffer(encode(Buffer.alloc(0)), coding)).length).toBe(0);
  });

  it('rejects truncated data with DecodeError naming the coding, zlib error as cause', async () => {
    for (const cut of [1, 2, 10, Math.floor(body.length / 2), body.length - 1]) {
      const error = await rejectionOf(
        readAll(createDecodingSource(chunksOf(body.subarray(0, cut), 999), coding)),
      );
      expect(error).toBeInstanceOf(DecodeError);
      expect(error.message).toBe(
        `Received response with content-encoding: ${coding}, but failed to decode it.`,
      );
      expect(error.cause).toBeInstanceOf(Error);
    }
  });

  it('rejects corrupt data', async () => {
    const corrupt = Buffer.from(body);
    for (let i = 3; i < 60; i++) corrupt[i] ^= 0xa5;
    const error = await rejectionOf(decodeBuffer(corrupt, coding));
    expect(error).toBeInstanceOf(DecodeError);
  });

  it('ignores trailing data that starts exactly at a chunk boundary', async () => {
    for (const tail of [Buffer.from('x'), Buffer.alloc(70_000, 0x41)]) {
      const raw = new ArraySource([body, tail, Buffer.from('more')]);
      expect((await readAll(createDecodingSource(raw, coding))).equals(text)).toBe(true);
      expect(raw.remaining).toBe(0);
    }
  });

  it('ignores and consumes data after the end of the compressed stream', async () => {
    const raw = chunksOf(Buffer.concat([body, Buffer.from('trailing bytes')]), 4096);
    expect((await readAll(createDecodingSource(raw, coding))).equals(text)).toBe(true);
    expect(raw.remaining).toBe(0);
  });
});

describe('deflate flavour detection', () => {
  it('chooses by the first two bytes even when they arrive one at a time', async () => {
    const wrapped = deflateSync('hello');
    const raw = deflateRawSync('hello');
    expect((await readAll(createDecodingSource(chunksOf(wrapped, 1), 'deflate'))).toString()).toBe(
      'hello',
    );
    expect((await readAll(createDecodingSource(chunksOf(raw, 1), 'deflate'))).toString()).toBe(
      'hello',
    );
  });

  it('rejects a one-byte body', async () => {
    expect(await rejectionOf(decodeBuffer(Buffer.from([0x78]), 'deflate'))).toBeInstanceOf(
      DecodeError,
    );
  });
});
