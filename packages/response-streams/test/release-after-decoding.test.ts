import { brotliCompressSync, gzipSync } from 'node:zlib';
import { DecodeError, type ReleaseHandle } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { HTTPResponse } from '../src/index.ts';
import { chunksOf, FakeRawReader } from './helpers/fake-raw-reader.ts';

const PLAIN = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(''));

/** A release handle with `releaseConnection`, recording what the response told it, in order. */
class TwoStepRelease implements ReleaseHandle {
  readonly calls: string[] = [];
  constructor(private readonly raw: FakeRawReader) {}
  releaseConnection(): void {
    this.calls.push(`connection (raw done: ${this.raw.done})`);
  }
  release(error?: Error): void {
    this.calls.push(error === undefined ? 'outcome: ok' : `outcome: ${error.name}`);
  }
}

function decodedResponse(wire: Buffer, encoding: string) {
  const raw = new FakeRawReader(chunksOf(wire, 700), { contentLength: wire.length, sync: false });
  const release = new TwoStepRelease(raw);
  const r = new HTTPResponse({
    status: 200,
    reason: 'OK',
    raw,
    release,
    connection: {},
    headers: { 'Content-Encoding': encoding },
    autoRelease: true,
  });
  return { r, raw, release };
}

describe('a decoded body reports its outcome after decoding, not at the raw end', () => {
  it.each([
    ['a gzip trailer cut short', gzipSync(PLAIN).subarray(0, -4), 'gzip'],
    ['gzip deflate data cut short', gzipSync(PLAIN).subarray(0, -12), 'gzip'],
    ['a brotli stream cut short', brotliCompressSync(PLAIN).subarray(0, -3), 'br'],
  ])(
    '%s: connection back at the raw end, then the DecodeError as the outcome',
    async (_, wire, encoding) => {
      const { r, raw, release } = decodedResponse(wire, encoding);
      await expect(r.read()).rejects.toThrow(DecodeError);
      expect(raw.done).toBe(true);
      expect(release.calls).toEqual(['connection (raw done: true)', 'outcome: DecodeError']);
      expect(r.connection).toBeNull();
    },
  );

  it('a good body: connection back at the raw end, outcome ok once the decoder ended', async () => {
    const { r, release } = decodedResponse(gzipSync(PLAIN), 'gzip');
    const parts: Buffer[] = [];
    for await (const chunk of r.stream(1024)) parts.push(chunk);
    expect(Buffer.concat(parts).equals(PLAIN)).toBe(true);
    expect(release.calls).toEqual(['connection (raw done: true)', 'outcome: ok']);
    // Later calls report nothing more.
    r.releaseConn();
    r.close();
    await r.drainConn();
    expect(release.calls).toHaveLength(2);
  });

  it('an undecoded body reports at its raw end in one release() call', async () => {
    const wire = gzipSync(PLAIN);
    const { r, release } = decodedResponse(wire, 'gzip');
    const body = await r.read(undefined, { decodeContent: false });
    expect(body.equals(wire)).toBe(true);
    expect(release.calls).toEqual(['outcome: ok']);
  });
});
