import { gzipSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { chunksOf, patternBytes } from './helpers/fake-raw-reader.ts';
import { makeResponse } from './helpers/make-response.ts';

// Issue 9 item 14: maxDecodedSize did not bound an identity body (300 MB chunked with a 10 MB
// cap added 600 MB of RSS). The cap is on what a response yields, encoded or not.

const CAP = 10_000;

function* endless(chunk: Buffer): Generator<Buffer> {
  for (;;) yield chunk;
}

describe('maxDecodedSize on bodies that are not decoded', () => {
  it.each([true, false])('an endless identity body stops at the cap (sync=%s)', async (sync) => {
    const { r, raw, release } = makeResponse(
      endless(Buffer.alloc(1000, 1)),
      { maxDecodedSize: CAP },
      { sync },
    );
    let yielded = 0;
    let caught: unknown;
    try {
      for await (const chunk of r.stream(4096)) yielded += chunk.length;
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    expect((caught as Error).message).toContain(`maxDecodedSize (${CAP} bytes)`);
    expect(yielded).toBe(CAP);
    // Nothing read past the chunk that crossed the cap; the connection is not reused.
    expect(raw.bytesRead).toBe(CAP + 1000);
    expect(raw.destroyed).toBe(true);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(true);
  });

  it('preload() of an identity body over the cap rejects without buffering the rest', async () => {
    const { r, raw, release } = makeResponse(endless(Buffer.alloc(4096, 2)), {
      maxDecodedSize: CAP,
      autoRelease: true,
    });
    await expect(r.preload()).rejects.toThrow(DecodeError);
    expect(raw.bytesRead).toBeLessThanOrEqual(CAP + 4096);
    expect(release.calls).toBe(1);
    expect(r.data.length).toBe(0);
  });

  it('a body of exactly the cap is read whole', async () => {
    const body = patternBytes(CAP);
    const { r, release } = makeResponse(chunksOf(body, 777), {
      maxDecodedSize: CAP,
      autoRelease: true,
    });
    await r.preload();
    expect(r.data.equals(body)).toBe(true);
    expect(release.destroyedAtRelease).toBe(false);
  });

  it('caps the encoded bytes of a body read with decodeContent: false', async () => {
    const wire = gzipSync(patternBytes(200_000), { level: 0 });
    const { r } = makeResponse(chunksOf(wire, 1000), {
      headers: { 'Content-Encoding': 'gzip' },
      maxDecodedSize: CAP,
    });
    await expect(r.read(undefined, { decodeContent: false })).rejects.toThrow(DecodeError);
  });

  it('caps a body whose unknown coding passes through undecoded', async () => {
    const { r } = makeResponse(endless(Buffer.alloc(1000)), {
      headers: { 'Content-Encoding': 'x-custom' },
      maxDecodedSize: CAP,
    });
    await expect(r.read()).rejects.toThrow(DecodeError);
  });

  it('read(amt) returns what fits, then throws at the chunk that crosses the cap', async () => {
    const { r } = makeResponse(endless(Buffer.alloc(3000)), { maxDecodedSize: CAP });
    expect((await r.read(9000)).length).toBe(9000);
    await expect(r.read(3000)).rejects.toThrow(DecodeError);
    await expect(r.read(1)).rejects.toThrow(DecodeError);
  });
});
