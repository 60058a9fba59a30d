import { gzipSync } from 'node:zlib';
import { Retry } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { HTTPResponse } from '../src/index.ts';
import { chunksOf, patternBytes } from './helpers/fake-raw-reader.ts';
import { makeResponse } from './helpers/make-response.ts';

const BODY = patternBytes(150_001, 3);

describe.each([
  { sync: true, label: 'buffered reader (tryNext)' },
  { sync: false, label: 'async reader (next)' },
])('read() with a $label', ({ sync }) => {
  describe.each([1, 7, 4096, 65536])('raw chunks of %i bytes', (chunkSize) => {
    // Byte-at-a-time over 150 KB async would take long; keep tiny chunks on a smaller body.
    const body = chunkSize === 1 ? BODY.subarray(0, 3001) : BODY;

    it.each([1, 7, 65536, 200_000])('read(%i) returns exactly amt until the end', async (amt) => {
      // Tiny reads cost one await each: a shorter body keeps the test quick.
      const data = amt <= 7 ? body.subarray(0, 20_011) : body;
      const { r } = makeResponse(chunksOf(data, chunkSize), {}, { sync });
      const parts: Buffer[] = [];
      for (;;) {
        const part = await r.read(amt);
        if (part.length === 0) break;
        parts.push(part);
      }
      for (const part of parts.slice(0, -1)) expect(part.length).toBe(amt);
      expect(parts.at(-1)!.length).toBeLessThanOrEqual(amt);
      expect(Buffer.concat(parts).equals(data)).toBe(true);
      expect((await r.read(amt)).length).toBe(0);
      expect(r.tell()).toBe(data.length);
    });

    it('read() without amt returns the whole rest', async () => {
      const { r } = makeResponse(chunksOf(body, chunkSize), {}, { sync });
      const head = await r.read(5);
      const rest = await r.read();
      expect(Buffer.concat([head, rest]).equals(body)).toBe(true);
      expect((await r.read()).length).toBe(0);
    });

    it('read1(amt) returns at most amt, one underlying read at a time', async () => {
      const { r, raw } = makeResponse(chunksOf(body, chunkSize), {}, { sync });
      const parts: Buffer[] = [];
      for (;;) {
        const before = raw.chunksRead;
        const part = await r.read1(5000);
        if (part.length === 0) break;
        expect(part.length).toBeLessThanOrEqual(Math.min(5000, chunkSize));
        expect(raw.chunksRead - before).toBeLessThanOrEqual(1);
        parts.push(part);
      }
      expect(Buffer.concat(parts).equals(body)).toBe(true);
    });
  });
});

describe('read() details', () => {
  it('read(0) returns an empty Buffer without reading', async () => {
    const { r, raw } = makeResponse(['abc']);
    expect((await r.read(0)).length).toBe(0);
    expect(raw.chunksRead).toBe(0);
    expect((await r.read()).toString()).toBe('abc');
  });

  it('rejects a bad amt with RangeError', async () => {
    const { r } = makeResponse(['abc']);
    await expect(r.read(-1)).rejects.toThrow(RangeError);
    await expect(r.read(1.5)).rejects.toThrow(/integer/);
    await expect(r.read1(Number.NaN)).rejects.toThrow(RangeError);
    expect(() => r.stream(-1)).toThrow(RangeError);
    expect(() => r.stream(0.5)).toThrow(RangeError);
  });

  it('read1() without amt returns whole raw chunks', async () => {
    const { r } = makeResponse(['abc', 'defgh']);
    expect((await r.read1()).toString()).toBe('abc');
    expect((await r.read1()).toString()).toBe('defgh');
    expect((await r.read1()).length).toBe(0);
  });

  it('read1 after a partial read returns the rest of that chunk first', async () => {
    const { r } = makeResponse(['abcdef', 'gh']);
    expect((await r.read(2)).toString()).toBe('ab');
    expect((await r.read1()).toString()).toBe('cdef');
    expect((await r.read1(1)).toString()).toBe('g');
    expect((await r.read1(10)).toString()).toBe('h');
  });

  it.each([true, false])('an empty body reads as empty (sync=%s)', async (sync) => {
    const { r, release } = makeResponse([], { autoRelease: true }, { sync, contentLength: 0 });
    expect((await r.read(10)).length).toBe(0);
    expect((await r.read()).length).toBe(0);
    expect((await r.read1()).length).toBe(0);
    expect(r.closed).toBe(true);
    expect(release.calls).toBe(1);
  });

  it('reads ahead at most one raw chunk beyond what was asked', async () => {
    const chunks = chunksOf(patternBytes(10 * 1000), 1000);
    const { r, raw } = makeResponse(chunks, {}, { sync: false });
    await r.read(1500);
    expect(raw.chunksRead).toBe(2);
    await r.read(500);
    expect(raw.chunksRead).toBe(2);
    await r.read(1);
    expect(raw.chunksRead).toBe(3);
  });

  it('does not touch the reader before the first read', () => {
    const { raw } = makeResponse(['abc']);
    expect(raw.nextCalls + raw.tryNextCalls).toBe(0);
  });

  it('tell() and lengthRemaining count what the caller consumed, not what the socket delivered', async () => {
    const { r } = makeResponse(['abcd', 'efgh'], {}, { contentLength: 8 });
    expect(r.tell()).toBe(0);
    expect(r.lengthRemaining).toBe(8);
    await r.read(2);
    expect(r.tell()).toBe(2);
    expect(r.lengthRemaining).toBe(6);
    await r.read();
    expect(r.tell()).toBe(8);
    expect(r.lengthRemaining).toBe(0);
  });
});

describe('data and caching', () => {
  it('preload() fills data and releases with autoRelease', async () => {
    const body = patternBytes(300_000);
    const { r, release } = makeResponse(chunksOf(body, 16384), { autoRelease: true });
    expect(r.data.length).toBe(0);
    await expect(r.preload()).resolves.toBe(r);
    expect(r.data.equals(body)).toBe(true);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
    expect(r.connection).toBeNull();
    expect(r.closed).toBe(true);
  });

  it('preload() uses tryNext without a next() per chunk when data is buffered', async () => {
    const { r, raw } = makeResponse(chunksOf(patternBytes(100_000), 1000));
    await r.preload();
    expect(raw.nextCalls).toBe(0);
    expect(r.data.length).toBe(100_000);
  });

  it('preload() mixes sync and async chunks', async () => {
    const { r } = makeResponse(['ab', { delay: 5 }, 'cd', 'ef', { delay: 1 }, 'g']);
    await r.preload();
    expect(r.data.toString()).toBe('abcdefg');
  });

  it('data stays empty after reading without cacheContent (urllib3)', async () => {
    const { r } = makeResponse(['abc', 'def']);
    expect((await r.read()).toString()).toBe('abcdef');
    expect(r.data.length).toBe(0);
  });

  it('read() with cacheContent keeps the body in data', async () => {
    const { r } = makeResponse(['abc', 'def']);
    await r.read(undefined, { cacheContent: true });
    expect(r.data.toString()).toBe('abcdef');
    expect(r.json).toBeTypeOf('function');
  });

  it('partial reads with cacheContent cache the whole body at its end', async () => {
    const { r } = makeResponse(['abc', 'def', 'g']);
    while ((await r.read(2, { cacheContent: true })).length > 0);
    expect(r.data.toString()).toBe('abcdefg');
  });

  it('after an uncached partial read, a cacheContent read leaves data empty (urllib3 2.7), not truncated', async () => {
    const { r } = makeResponse(['abc', 'def']);
    await r.read(2);
    expect((await r.read(undefined, { cacheContent: true })).toString()).toBe('cdef');
    expect(r.data.length).toBe(0);
  });

  it('after a partial stream(), a cacheContent read leaves data empty too', async () => {
    const { r } = makeResponse(['abcdef']);
    const it = r.stream(2);
    expect((await it.next()).value?.toString()).toBe('ab');
    await it.return?.();
    expect((await r.read(undefined, { cacheContent: true })).toString()).toBe('cdef');
    expect(r.data.length).toBe(0);
  });

  it('a cacheContent read after preload() keeps the preloaded data', async () => {
    const { r } = makeResponse(['abc']);
    await r.preload();
    expect((await r.read(undefined, { cacheContent: true })).length).toBe(0);
    expect(r.data.toString()).toBe('abc');
  });

  it('json() on an unread streaming body says to preload first', () => {
    const { r } = makeResponse(['{}']);
    expect(() => r.json()).toThrow(/preload/);
    expect(() => r.text()).toThrow(TypeError);
  });

  it('json() after a streamed body without cache fails like urllib3 (empty data)', async () => {
    const { r } = makeResponse(['{"a":1}']);
    for await (const _ of r);
    expect(r.data.length).toBe(0);
    expect(() => r.json()).toThrow(SyntaxError);
  });

  it('a ready body is data at once and readable once', async () => {
    const r = new HTTPResponse({ status: 200, body: 'hello' });
    expect(r.data.toString()).toBe('hello');
    expect((await r.read(2)).toString()).toBe('he');
    expect((await r.read()).toString()).toBe('llo');
    expect((await r.read()).length).toBe(0);
    expect(r.data.toString()).toBe('hello');
    expect(r.closed).toBe(true);
    expect(r.tell()).toBe(0);
    expect(r.connection).toBeNull();
  });
});

describe('usage errors', () => {
  it('a second read while one is pending throws TypeError and leaves the body readable', async () => {
    const { r, raw, release } = makeResponse([{ delay: 5 }, 'abc', 'def'], {}, { sync: false });
    const first = r.read(3);
    await expect(r.read(3)).rejects.toThrow(/still pending/);
    expect((await first).toString()).toBe('abc');
    expect((await r.read()).toString()).toBe('def');
    expect(raw.destroyed).toBe(false);
    expect(release.calls).toBe(0);
  });
});

describe('urllib3 conformance (issue 10, items 10, 11, 13)', () => {
  it("tell() is 2 after stream(2) yields 'fo' of 'foo', and lengthRemaining 1", async () => {
    const { r } = makeResponse(['foo'], {}, { contentLength: 3 });
    const it = r.stream(2);
    expect((await it.next()).value?.toString()).toBe('fo');
    expect(r.tell()).toBe(2);
    expect(r.lengthRemaining).toBe(1);
    expect((await it.next()).value?.toString()).toBe('o');
    expect(r.tell()).toBe(3);
    expect(r.lengthRemaining).toBe(0);
  });

  it('stream(0) yields nothing and reads nothing, as urllib3', async () => {
    const { r, raw } = makeResponse(['foo']);
    const chunks: Buffer[] = [];
    for await (const chunk of r.stream(0)) chunks.push(chunk);
    expect(chunks).toEqual([]);
    expect(raw.nextCalls + raw.tryNextCalls).toBe(0);
    expect((await r.read()).toString()).toBe('foo');
    expect(() => r.stream(-1)).toThrow(RangeError);
  });

  it('new HTTPResponse({ body, retries }) takes url from the last redirect of the history', () => {
    const retries = new Retry({ total: 5 }).increment({
      method: 'GET',
      url: 'http://h/a',
      response: new HTTPResponse({
        status: 302,
        headers: { Location: 'http://h/b' },
        body: '',
      }),
    });
    const r = new HTTPResponse({ status: 200, body: 'x', retries });
    expect(r.url).toBe('http://h/b');
    expect(
      new HTTPResponse({ status: 200, body: 'x', retries, url: 'http://h/explicit' }).url,
    ).toBe('http://h/explicit');
    expect(new HTTPResponse({ status: 200, body: 'x', retries: new Retry() }).url).toBeNull();
  });
});

describe('closed (regression: urllib3 test_io_not_closed_until_all_data_is_read)', () => {
  it('a known-length body is closed by the read that takes its last byte, not one later', async () => {
    const { r } = makeResponse(['abc'], {}, { contentLength: 3 });
    expect((await r.read(2)).toString()).toBe('ab');
    expect(r.closed).toBe(false);
    expect((await r.read(1)).toString()).toBe('c');
    expect(r.closed).toBe(true);
  });

  it('is not closed while decoded bytes are still unread after the raw end', async () => {
    const wire = gzipSync(Buffer.from('x'.repeat(1000)));
    const { r } = makeResponse(
      [wire],
      { headers: { 'Content-Encoding': 'gzip' } },
      { contentLength: wire.length },
    );
    let out = '';
    while (!r.closed) out += (await r.read(7)).toString();
    expect(out).toBe('x'.repeat(1000));
  });
});
