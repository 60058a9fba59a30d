import { readFileSync } from 'node:fs';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { nativeZstd } from '../src/engines.ts';
import { FzstdSource } from '../src/fzstd-source.ts';
import { decodeBuffer } from '../src/index.ts';
import { ZstdBlockTracker } from '../src/zstd-block-tracker.ts';
import { chunksOf, readAll, rejectionOf } from './helpers/sources.ts';

const MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
// Frame_Header_Descriptor 0: no checksum, no dictionary, no content size; window 8 MiB.
const FRAME_HEADER = Buffer.concat([MAGIC, Buffer.from([0x00, 13 << 3])]);

function rleBlock(size: number, value: number, last: boolean): Buffer {
  const bits = (last ? 1 : 0) | (1 << 1) | (size << 3);
  return Buffer.from([bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, value]);
}

function rawBlock(content: Buffer, last: boolean): Buffer {
  const bits = (last ? 1 : 0) | (content.length << 3);
  return Buffer.concat([
    Buffer.from([bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff]),
    content,
  ]);
}

/** A frame of `count` RLE blocks of 128 KiB: 4 bytes of input per 128 KiB of output. */
function rleFrame(count: number, value = 0x61): Buffer {
  const blocks = Array.from({ length: count }, (_, i) =>
    rleBlock(128 * 1024, value, i === count - 1),
  );
  return Buffer.concat([FRAME_HEADER, ...blocks]);
}

describe('zstd block tracker', () => {
  it('cuts the input at every block end, across chunk boundaries', () => {
    const frame = Buffer.concat([
      FRAME_HEADER,
      rawBlock(Buffer.from('abc'), false),
      rleBlock(10, 1, false),
      rawBlock(Buffer.from('de'), true),
    ]);
    const cuts: number[] = [];
    for (const step of [1, 3, frame.length]) {
      const tracker = new ZstdBlockTracker();
      cuts.length = 0;
      for (let base = 0; base < frame.length; base += step) {
        const piece = frame.subarray(base, base + step);
        for (let at = 0; at < piece.length; ) {
          const cut = tracker.nextCut(piece, at);
          if (cut < piece.length || cut === piece.length) cuts.push(base + cut);
          at = cut;
        }
      }
      expect(tracker.atFrameBoundary).toBe(true);
      // Block ends.
      for (const end of [12, 16, 21]) expect(cuts).toContain(end);
    }
  });

  it('rejects blocks over 128 KiB and reserved block types', () => {
    const scan = (buf: Buffer) => {
      const tracker = new ZstdBlockTracker();
      for (let at = 0; at < buf.length; ) at = tracker.nextCut(buf, at);
    };
    scan(Buffer.concat([FRAME_HEADER, rleBlock(128 * 1024, 0, true)]));
    expect(() => scan(Buffer.concat([FRAME_HEADER, rleBlock(128 * 1024 + 1, 0, true)]))).toThrow(
      /larger than 128 KiB/,
    );
    expect(() => scan(Buffer.concat([FRAME_HEADER, Buffer.from([0x06, 0, 0])]))).toThrow(
      /reserved block type/,
    );
    expect(() => scan(Buffer.from('nope'))).toThrow(/magic/);
  });

  it('rejects windows over 8 MiB (RFC 9659), from the descriptor or the content size', () => {
    const scan = (buf: Buffer) => {
      const tracker = new ZstdBlockTracker();
      for (let at = 0; at < buf.length; ) at = tracker.nextCut(buf, at);
    };
    const block = rawBlock(Buffer.from('abc'), true);
    // Window descriptor: 2^23 = 8 MiB is fine, 2^23 + 1/8 and 2^24 are not.
    scan(Buffer.concat([MAGIC, Buffer.from([0x00, 13 << 3]), block]));
    expect(() => scan(Buffer.concat([MAGIC, Buffer.from([0x00, (13 << 3) | 1]), block]))).toThrow(
      /over the 8388608-byte limit/,
    );
    expect(() => scan(Buffer.concat([MAGIC, Buffer.from([0x00, 14 << 3]), block]))).toThrow(
      /RFC 9659/,
    );
    // Single segment: the window is the content size (1-byte and 8-byte forms).
    scan(Buffer.concat([MAGIC, Buffer.from([0x20, 3]), block]));
    const huge = Buffer.alloc(8);
    huge.writeBigUInt64LE(1n << 31n);
    expect(() => scan(Buffer.concat([MAGIC, Buffer.from([0xe0]), huge, block]))).toThrow(
      /RFC 9659/,
    );
  });
});

/** A frame whose header asks for a window of almost 2 GiB (window log 30, mantissa 7). */
function hostileWindowFrame(): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([0x00, (30 << 3) | 7]), rleBlock(4, 1, true)]);
}

describe('fzstd decoding, bounded', () => {
  it('decodes a frame of 512 RLE blocks (64 MiB from 2 KiB) one block per push', async () => {
    const frame = rleFrame(512);
    const source = new FzstdSource(chunksOf(frame, 65_536));
    let total = 0;
    let chunks = 0;
    let queued = 0;
    for (let c = await source.next(); c !== null; c = await source.next()) {
      queued = Math.max(queued, (source as unknown as { output: Buffer[] }).output.length);
      expect(c[0]).toBe(0x61);
      total += c.length;
      chunks++;
    }
    expect(total).toBe(64 << 20);
    expect(chunks).toBe(1024);
    // One block per push; fzstd holds back a frame's first 18 bytes, so the first push after
    // the header can finish up to four tiny blocks (8 chunks), never more.
    expect(queued).toBeLessThanOrEqual(8);
  });

  it('rejects a frame asking for a 2 GiB window before fzstd allocates it', async () => {
    const hostile = hostileWindowFrame();
    // FzstdSource itself: on Node >= 22.15 decodeBuffer takes the native engine (test below).
    const error = await rejectionOf(readAll(new FzstdSource(chunksOf(hostile, 65_536))));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error.cause as Error).message).toMatch(/RFC 9659/);
  });

  it.runIf(nativeZstd() !== undefined)(
    'native zstd rejects that frame too (windowLogMax 23)',
    async () => {
      const error = await rejectionOf(decodeBuffer(hostileWindowFrame(), 'zstd'));
      expect(error).toBeInstanceOf(DecodeError);
      expect((error.cause as Error).message).toMatch(/memory|window/i);
    },
  );

  it('decodes a single-segment frame with a dictionary-free 2-byte content size', async () => {
    const content = Buffer.alloc(300, 0x62);
    const fcs = Buffer.alloc(2);
    fcs.writeUInt16LE(300 - 256);
    const frame = Buffer.concat([MAGIC, Buffer.from([0x60]), fcs, rawBlock(content, true)]);
    expect((await readAll(new FzstdSource(chunksOf(frame, 3)))).equals(content)).toBe(true);
  });

  it('stops such a frame at maxDecodedSize', async () => {
    const error = await rejectionOf(
      decodeBuffer(rleFrame(4096), 'zstd', { maxDecodedSize: 1 << 20 }),
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toContain('1048576 bytes');
  });

  it('skips skippable frames between frames', async () => {
    const skippable = Buffer.concat([
      Buffer.from([0x53, 0x2a, 0x4d, 0x18]),
      Buffer.from([5, 0, 0, 0]),
      Buffer.from('hello'),
    ]);
    const a = Buffer.concat([FRAME_HEADER, rawBlock(Buffer.from('one '), true)]);
    const b = Buffer.concat([FRAME_HEADER, rawBlock(Buffer.from('two'), true)]);
    const body = Buffer.concat([skippable, a, skippable, b]);
    for (const size of [1, 5, 100]) {
      expect((await readAll(new FzstdSource(chunksOf(body, size)))).toString()).toBe('one two');
    }
  });

  it('rejects a body that ends inside a frame, even at a block boundary', async () => {
    const body = Buffer.concat([FRAME_HEADER, rawBlock(Buffer.from('abc'), false)]);
    const error = await rejectionOf(readAll(new FzstdSource(chunksOf(body, 4))));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error.cause as Error).message).toMatch(/end of file/);
  });

  it('decodes CLI-made RLE-heavy data (4 MiB of zeros from 146 bytes)', async () => {
    const zeros = readFileSync(new URL('./fixtures/zeros-4m.zst', import.meta.url));
    const out = await readAll(new FzstdSource(chunksOf(zeros, 7)));
    expect(out.equals(Buffer.alloc(4 << 20))).toBe(true);
  });
});
