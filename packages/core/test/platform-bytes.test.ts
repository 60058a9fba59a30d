import { describe, expect, it } from 'vitest';
import * as node from '../src/platform/bytes.node.ts';
import * as web from '../src/platform/bytes.web.ts';

const samples = [
  '',
  'ascii',
  'é',
  '✓ check',
  '😀 emoji',
  'lone \ud800 surrogate',
  'x'.repeat(20000),
];

describe('byte helpers: the Buffer and the Uint8Array flavours agree', () => {
  it('utf8Bytes and utf8Length', () => {
    for (const text of samples) {
      expect(Array.from(web.utf8Bytes(text))).toEqual(Array.from(node.utf8Bytes(text)));
      expect(web.utf8Length(text)).toBe(node.utf8Length(text));
      expect(web.utf8Length(text)).toBe(web.utf8Bytes(text).length);
    }
  });

  it('concatBytes, with and without a total', () => {
    const parts = [new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])];
    expect(Array.from(web.concatBytes(parts))).toEqual([1, 2, 3]);
    expect(Array.from(node.concatBytes(parts))).toEqual([1, 2, 3]);
    expect(Array.from(web.concatBytes(parts, 2))).toEqual([1, 2]);
    expect(Array.from(node.concatBytes(parts, 2))).toEqual([1, 2]);
    expect(web.concatBytes([])).toHaveLength(0);
    const single = new Uint8Array([9]);
    expect(web.concatBytes([single])).toBe(single);
  });

  it('latin1 both ways, for every byte value and for long inputs', () => {
    const all = new Uint8Array(256 * 40).map((_, i) => i & 0xff);
    expect(web.latin1Text(all)).toBe(node.latin1Text(all));
    const text = node.latin1Text(all);
    expect(Array.from(web.latin1Bytes(text))).toEqual(Array.from(all));
    expect(Array.from(node.latin1Bytes(text))).toEqual(Array.from(all));
  });

  it('bytesView shares memory; the Node flavour returns Buffers, the web one plain Uint8Arrays', () => {
    const u8 = new Uint8Array([1, 2, 3]).subarray(1);
    const view = node.bytesView(u8);
    expect(Buffer.isBuffer(view)).toBe(true);
    view[0] = 42;
    expect(u8[0]).toBe(42);
    expect(web.bytesView(u8)).toBe(u8);
    expect(Buffer.isBuffer(web.utf8Bytes('a'))).toBe(false);
    expect(Buffer.isBuffer(web.EMPTY_BYTES)).toBe(false);
    expect(node.isBytes(Buffer.alloc(1)) && web.isBytes(new Uint8Array(1))).toBe(true);
    expect(web.isBytes('x')).toBe(false);
  });
});
