import { randomBytes } from 'node:crypto';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { IterableSource } from '../src/iterable-source.ts';
import { createStage } from '../src/platform/stages.web.ts';
import { supportedEncodings } from '../src/platform/supported-encodings.web.ts';
import { supportsWebFormat } from '../src/web-decompress-source.ts';

// The stages used where node:zlib does not exist (browsers, workers), run here on Node's own
// DecompressionStream, which is the same WHATWG API.

async function* chunksOf(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function decodeAll(data: Uint8Array, coding: string, size = 1000): Promise<Buffer> {
  const stage = createStage(new IterableSource(chunksOf(data, size)), coding, coding);
  const out: Uint8Array[] = [];
  for (let chunk = await stage.next(); chunk !== null; chunk = await stage.next()) {
    expect(chunk.length).toBeGreaterThan(0);
    out.push(chunk);
  }
  return Buffer.concat(out);
}

const text = Buffer.from('urlpool web decoding '.repeat(5000));

describe('web decoding stages (DecompressionStream, fzstd)', () => {
  it('gzip, in small and large input chunks', async () => {
    const gz = gzipSync(text);
    expect((await decodeAll(gz, 'gzip', 7)).equals(text)).toBe(true);
    expect((await decodeAll(gz, 'gzip', 1 << 20)).equals(text)).toBe(true);
  });

  it('deflate, zlib-wrapped and raw, decided from the first bytes', async () => {
    expect((await decodeAll(deflateSync(text), 'deflate', 1)).equals(text)).toBe(true);
    expect((await decodeAll(deflateRawSync(text), 'deflate')).equals(text)).toBe(true);
  });

  it('an empty body decodes to an empty body', async () => {
    expect((await decodeAll(new Uint8Array(0), 'gzip')).length).toBe(0);
  });

  it('corrupt data is a DecodeError naming the coding', async () => {
    const bad = gzipSync(text);
    bad.fill(0x55, 20, 60);
    const error = await decodeAll(bad, 'gzip').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as Error).message).toMatch(/gzip/);
  });

  it('a large body is decoded with bounded input held', async () => {
    const big = randomBytes(8 * 1024 * 1024);
    const gz = gzipSync(big);
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunksOf(gz, 1024)) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const stage = createStage(new IterableSource(counted()), 'gzip', 'gzip');
    const first = await stage.next();
    expect(first!.length).toBeGreaterThan(0);
    // The first output needs only the first few input chunks, not the whole body.
    expect(pulled).toBeLessThan(gz.length);
    let total = first!.length;
    for (let chunk = await stage.next(); chunk !== null; chunk = await stage.next())
      total += chunk.length;
    expect(total).toBe(big.length);
  });

  it('a gzip header field longer than the read-ahead bound does not stall decoding', async () => {
    // FNAME of 300 KiB: the first output comes only after the whole name was read.
    const gz = gzipSync(text);
    const name = Buffer.alloc(300 * 1024, 'n');
    const withName = Buffer.concat([
      gz.subarray(0, 3),
      Buffer.from([gz[3]! | 0x08]),
      gz.subarray(4, 10),
      name,
      Buffer.from([0]),
      gz.subarray(10),
    ]);
    expect((await decodeAll(withName, 'gzip', 4096)).equals(text)).toBe(true);
  });

  it('br where the runtime can, otherwise a DecodeError that says so', async () => {
    const br = brotliCompressSync(text);
    if (supportsWebFormat('brotli')) {
      expect((await decodeAll(br, 'br')).equals(text)).toBe(true);
      expect(supportedEncodings()).toContain('br');
    } else {
      const error = await decodeAll(br, 'br').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DecodeError);
      expect(((error as Error).cause as Error).message).toMatch(/brotli/);
      expect(supportedEncodings()).not.toContain('br');
    }
  });

  it('zstd on fzstd', async () => {
    const { readFileSync } = await import('node:fs');
    const fixture = new URL('./fixtures/', import.meta.url);
    const { readdirSync } = await import('node:fs');
    const zst = readdirSync(fixture).find((name) => name.endsWith('.zst'));
    expect(zst).toBeDefined();
    const raw = readFileSync(new URL(zst!, fixture));
    const decoded = await decodeAll(raw, 'zstd');
    expect(decoded.length).toBeGreaterThan(0);
    expect(supportedEncodings()).toContain('zstd');
  });
});
