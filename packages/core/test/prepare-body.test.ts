import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EMPTY_BODY, type PreparedBody, prepareBody, UnrewindableBodyError } from '../src/index.ts';

async function collect(body: PreparedBody): Promise<Buffer> {
  if (body.type !== 'stream') throw new Error('not a stream');
  const chunks: Buffer[] = [];
  for await (const chunk of body.open()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('prepareBody', () => {
  it('maps null and undefined to the empty body', () => {
    expect(prepareBody(null)).toBe(EMPTY_BODY);
    expect(prepareBody(undefined)).toBe(EMPTY_BODY);
  });

  it('gives bytes with the UTF-8 length for strings', () => {
    expect(prepareBody('h\u00e9llo \u2603')).toEqual({
      type: 'bytes',
      data: 'h\u00e9llo \u2603',
      length: 10,
    });
    expect(prepareBody('')).toEqual({ type: 'bytes', data: '', length: 0 });
  });

  it('keeps Buffers and views Uint8Arrays without copying', () => {
    const buf = Buffer.from('abc');
    const b = prepareBody(buf);
    expect(b).toEqual({ type: 'bytes', data: buf, length: 3 });
    expect(b.type === 'bytes' && b.data).toBe(buf);
    const backing = new Uint8Array([1, 2, 3, 4, 5]);
    const view = prepareBody(backing.subarray(1, 4));
    if (view.type !== 'bytes' || typeof view.data === 'string') throw new Error('bytes expected');
    expect(view.length).toBe(3);
    expect([...view.data]).toEqual([2, 3, 4]);
    backing[2] = 9;
    expect(view.data[1]).toBe(9);
  });

  it('replays arrays and other re-iterables', async () => {
    const body = prepareBody([Buffer.from('a'), new Uint8Array([98])]);
    expect(body.type === 'stream' && body.replayable).toBe(true);
    expect(body.type === 'stream' && body.length).toBeNull();
    expect((await collect(body)).toString()).toBe('ab');
    expect((await collect(body)).toString()).toBe('ab');
    const set = prepareBody(new Set([Buffer.from('x')]));
    expect((await collect(set)).toString()).toBe('x');
    expect((await collect(set)).toString()).toBe('x');
  });

  it('opens a Readable once, then throws UnrewindableBodyError', async () => {
    const body = prepareBody(Readable.from([Buffer.from('one'), Buffer.from('two')]));
    expect(body.type === 'stream' && body.replayable).toBe(false);
    expect((await collect(body)).toString()).toBe('onetwo');
    if (body.type !== 'stream') throw new Error('stream expected');
    let error: unknown;
    try {
      body.open();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnrewindableBodyError);
    expect((error as Error).message).toMatch(/cannot be rewound/);
    expect((error as Error).message).toMatch(/Buffer, a string/);
  });

  it('treats async iterables, generators and iterators as one-shot', async () => {
    async function* gen() {
      yield Buffer.from('g');
    }
    function* sync() {
      yield Buffer.from('s');
    }
    for (const source of [gen(), sync(), [Buffer.from('i')][Symbol.iterator]()]) {
      const body = prepareBody(source);
      if (body.type !== 'stream') throw new Error('stream expected');
      expect(body.replayable).toBe(false);
      await collect(body);
      expect(() => body.open()).toThrow(UnrewindableBodyError);
    }
  });

  it.each([
    [42, /number/],
    [{ a: 1 }, /an object.*json or fields/],
    [new Date(), /a Date/],
    [true, /boolean/],
  ])('rejects %j with TypeError', (value, message) => {
    expect(() => prepareBody(value as unknown as string)).toThrow(TypeError);
    expect(() => prepareBody(value as unknown as string)).toThrow(message);
  });

  it('explains how to send URLSearchParams', () => {
    expect(() => prepareBody(new URLSearchParams('a=1') as unknown as string)).toThrow(
      /params.toString\(\)/,
    );
  });

  it('accepts arrays of string chunks as a replayable stream of the same chunks', () => {
    const body = prepareBody(['foo', 'äö']);
    expect(body).toMatchObject({ type: 'stream', length: null, replayable: true });
    if (body.type !== 'stream') throw new Error('stream expected');
    expect([...(body.open() as Iterable<unknown>)]).toEqual(['foo', 'äö']);
  });

  it('rejects arrays with non-byte chunks', () => {
    expect(() => prepareBody(['a', 1] as unknown as Uint8Array[])).toThrow(/chunk 1 is number/);
  });
});
