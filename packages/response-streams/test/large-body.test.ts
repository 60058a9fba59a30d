import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { FakeStep } from './helpers/fake-raw-reader.ts';
import { makeResponse } from './helpers/make-response.ts';

const CHUNK = 64 * 1024;
const GIB = 1024 * 1024 * 1024;
const CHUNKS = GIB / CHUNK;

/** A 1 GiB body made on demand: each chunk is a fresh buffer tagged with its index. */
function* lazyGiB(): Generator<FakeStep> {
  for (let i = 0; i < CHUNKS; i++) {
    // A socket delivers some reads late: every 512th chunk comes after a pause.
    if (i % 512 === 0) yield { delay: 1 };
    const chunk = Buffer.allocUnsafe(CHUNK);
    chunk.writeUInt32BE(i, 0);
    yield chunk;
  }
}

/** Resident set growth stays modest: the body never accumulates. */
const RSS_BUDGET = 256 * 1024 * 1024;

describe('a 1 GiB body read slowly', () => {
  it('stream(16 KiB) keeps memory flat and never reads more than one chunk ahead', async () => {
    const { r, raw, release } = makeResponse(
      lazyGiB(),
      { autoRelease: true },
      { contentLength: GIB },
    );
    const rssStart = process.memoryUsage.rss();
    let rssMax = rssStart;
    let consumed = 0;
    let expectedIndex = 0;
    let n = 0;
    for await (const chunk of r.stream(16 * 1024)) {
      if (consumed % CHUNK === 0) {
        expect(chunk.readUInt32BE(0)).toBe(expectedIndex++);
      }
      consumed += chunk.length;
      expect(raw.bytesRead - consumed).toBeLessThan(CHUNK);
      // A slow consumer: yield to the event loop now and then.
      if (++n % 4096 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        rssMax = Math.max(rssMax, process.memoryUsage.rss());
      }
    }
    expect(consumed).toBe(GIB);
    expect(r.tell()).toBe(GIB);
    expect(r.lengthRemaining).toBe(0);
    expect(release.calls).toBe(1);
    expect(rssMax - rssStart).toBeLessThan(RSS_BUDGET);
  }, 120_000);

  it('toReadable() piped to a slow writable keeps memory flat', async () => {
    const { r, raw, release } = makeResponse(lazyGiB(), {}, { contentLength: GIB });
    const rssStart = process.memoryUsage.rss();
    let rssMax = rssStart;
    let consumed = 0;
    let n = 0;
    const sink = new Writable({
      highWaterMark: CHUNK,
      write(chunk: Buffer, _enc, cb) {
        consumed += chunk.length;
        // Readable buffer (16 KiB) + writable buffer (64 KiB) + one chunk in flight.
        expect(raw.bytesRead - consumed).toBeLessThanOrEqual(4 * CHUNK);
        if (++n % 2048 === 0) {
          rssMax = Math.max(rssMax, process.memoryUsage.rss());
          setTimeout(cb, 1);
        } else {
          cb();
        }
      },
    });
    await pipeline(r.toReadable(), sink);
    expect(consumed).toBe(GIB);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
    expect(rssMax - rssStart).toBeLessThan(RSS_BUDGET);
  }, 120_000);
});
