import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { chunksOf } from './helpers/fake-raw-reader.ts';
import { makeResponse } from './helpers/make-response.ts';

// Compressible but not trivial: text with a counter.
const PLAIN = Buffer.from(
  Array.from({ length: 20_000 }, (_, i) => `line ${i} of the body ✓\n`).join(''),
);

const ENCODINGS: Array<[string, (b: Buffer) => Buffer]> = [
  ['gzip', (b) => gzipSync(b)],
  ['x-gzip', (b) => gzipSync(b)],
  ['deflate', (b) => deflateSync(b)],
  ['deflate', (b) => deflateRawSync(b)],
  ['br', (b) => brotliCompressSync(b)],
  ['gzip, br', (b) => brotliCompressSync(gzipSync(b))],
];

function gzipResponse(body: Buffer, chunk = 1000, options = {}, readerOptions = {}) {
  const wire = gzipSync(body);
  return {
    wire,
    ...makeResponse(
      chunksOf(wire, chunk),
      { headers: { 'Content-Encoding': 'gzip' }, ...options },
      { contentLength: wire.length, ...readerOptions },
    ),
  };
}

describe('decoded bodies', () => {
  it.each(ENCODINGS)('%s: preload() decodes', async (encoding, encode) => {
    const wire = encode(PLAIN);
    const { r, release } = makeResponse(
      chunksOf(wire, 777),
      { headers: { 'Content-Encoding': encoding }, autoRelease: true },
      { sync: false },
    );
    await r.preload();
    expect(r.data.equals(PLAIN)).toBe(true);
    expect(r.tell()).toBe(wire.length);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
  });

  it.each([1, 7, 65536, 10_000_000])('read(%i) counts decoded bytes', async (amt) => {
    const body = amt <= 7 ? PLAIN.subarray(0, 30_000) : PLAIN;
    const { r } = gzipResponse(body, 4096);
    const parts: Buffer[] = [];
    for (;;) {
      const part = await r.read(amt);
      if (part.length === 0) break;
      parts.push(part);
    }
    for (const part of parts.slice(0, -1)) expect(part.length).toBe(amt);
    expect(Buffer.concat(parts).equals(body)).toBe(true);
  });

  it.each([16, 65536])('stream(%i) yields decoded chunks <= amt', async (amt) => {
    const { r } = gzipResponse(PLAIN, 5000);
    const parts: Buffer[] = [];
    for await (const chunk of r.stream(amt)) {
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.length).toBeLessThanOrEqual(amt);
      parts.push(chunk);
    }
    expect(Buffer.concat(parts).equals(PLAIN)).toBe(true);
  });

  it('read1() returns decoded data', async () => {
    const { r } = gzipResponse(Buffer.from('hello world'));
    expect((await r.read1()).toString()).toBe('hello world');
    expect((await r.read1()).length).toBe(0);
  });

  it('decodeContent: false returns the raw bytes', async () => {
    const { r, wire } = gzipResponse(PLAIN, 999);
    expect((await r.read(undefined, { decodeContent: false })).equals(wire)).toBe(true);
  });

  it('decodeContent: false in the constructor keeps everything raw', async () => {
    const { r, wire } = gzipResponse(PLAIN, 999, { decodeContent: false });
    await r.preload();
    expect(r.data.equals(wire)).toBe(true);
  });

  it('an undecoded read after a decoded one throws, as urllib3', async () => {
    const { r } = gzipResponse(PLAIN);
    const head = await r.read(10);
    await expect(r.read(10, { decodeContent: false })).rejects.toThrow(/decodeContent/);
    // A usage error: the body stays readable.
    const rest = await r.read();
    expect(Buffer.concat([head, rest]).equals(PLAIN)).toBe(true);
  });

  it('toReadable() and toWebStream() decode', async () => {
    const a = gzipResponse(PLAIN, 3000);
    const parts: Buffer[] = [];
    for await (const chunk of a.r.toReadable()) parts.push(chunk);
    expect(Buffer.concat(parts).equals(PLAIN)).toBe(true);
    expect(a.release.calls).toBe(1);
    const b = gzipResponse(PLAIN, 3000);
    let text = '';
    for await (const t of b.r.toWebStream().pipeThrough(new TextDecoderStream())) text += t;
    expect(text).toBe(PLAIN.toString());
  });

  it('autoRelease with decoding releases once, when the raw body has ended', async () => {
    const { r, raw, release } = gzipResponse(PLAIN, 2000, { autoRelease: true }, { sync: false });
    let n = 0;
    for await (const chunk of r.stream(4096)) {
      n += chunk.length;
      if (release.calls > 0) expect(raw.done).toBe(true);
    }
    expect(n).toBe(PLAIN.length);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
  });

  it('corrupt data rejects with DecodeError, destroys the reader and releases once', async () => {
    const wire = gzipSync(PLAIN);
    wire.fill(0x42, 100, 200);
    const { r, raw, release } = makeResponse(chunksOf(wire, 1000), {
      headers: { 'Content-Encoding': 'gzip' },
      autoRelease: true,
    });
    await expect(r.read()).rejects.toThrow(DecodeError);
    expect(raw.destroyed).toBe(true);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(true);
    expect(r.connection).toBeNull();
  });

  it('more than 5 codings throws DecodeError on the first read and releases', async () => {
    const { r, raw, release } = makeResponse(['x'], {
      headers: { 'Content-Encoding': 'gzip, gzip, gzip, gzip, gzip, gzip' },
    });
    await expect(r.read()).rejects.toThrow(DecodeError);
    expect(raw.destroyed).toBe(true);
    expect(release.calls).toBe(1);
  });

  it('maxDecodedSize caps the decoded body with DecodeError', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));
    const { r, release } = makeResponse(chunksOf(bomb, 1000), {
      headers: { 'Content-Encoding': 'gzip' },
      maxDecodedSize: 1024 * 1024,
    });
    await expect(r.preload()).rejects.toThrow(DecodeError);
    expect(release.calls).toBe(1);
  });

  it('unknown single codings pass through undecoded', async () => {
    const { r } = makeResponse(['abc'], { headers: { 'Content-Encoding': 'x-custom' } });
    expect((await r.read()).toString()).toBe('abc');
  });

  it('drainConn() after decoded reads discards the raw rest and releases for reuse', async () => {
    const { r, raw, release, wire } = gzipResponse(PLAIN, 1000);
    await r.read(100);
    await r.drainConn();
    expect(raw.bytesRead).toBe(wire.length);
    expect(release.destroyedAtRelease).toBe(false);
  });

  it('shutdown() during a decoded read rejects it', async () => {
    const wire = gzipSync(PLAIN);
    const { r } = makeResponse([wire.subarray(0, 10), { stall: true }], {
      headers: { 'Content-Encoding': 'gzip' },
    });
    const pending = r.read(100);
    await new Promise((resolve) => setTimeout(resolve, 5));
    r.shutdown();
    await expect(pending).rejects.toThrow(/shut down/);
  });

  it('a raw partial read followed by a decoded read feeds the raw tail to the decoder', async () => {
    const { r } = gzipResponse(PLAIN, 100_000);
    // The first 2 bytes (gzip magic) are consumed raw, so decoding the rest must fail cleanly.
    await r.read(2, { decodeContent: false });
    await expect(r.read()).rejects.toThrow(DecodeError);
  });
});
