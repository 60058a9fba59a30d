import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { describe, expect, it } from 'vitest';
import { HTTPResponse } from '../src/index.ts';
import { chunksOf, patternBytes } from './helpers/fake-raw-reader.ts';
import { makeResponse } from './helpers/make-response.ts';

const BODY = patternBytes(200_003, 9);

/** A Writable that collects what it gets, slowly when `delayMs` is set. */
function collector(delayMs = 0): { sink: Writable; parts: Buffer[] } {
  const parts: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _enc, cb) {
      parts.push(chunk);
      if (delayMs > 0) setTimeout(cb, delayMs);
      else cb();
    },
  });
  return { sink, parts };
}

describe('stream()', () => {
  it.each([
    [1, 1000],
    [7, 4096],
    [65536, 16384],
    [65536, 100_000],
    [300_000, 65536],
  ])('stream(%i) over %i-byte raw chunks yields non-empty chunks <= amt', async (amt, size) => {
    const data = amt === 1 ? BODY.subarray(0, 5000) : BODY;
    for (const sync of [true, false]) {
      const { r } = makeResponse(chunksOf(data, size), {}, { sync });
      const parts: Buffer[] = [];
      for await (const chunk of r.stream(amt)) {
        expect(chunk.length).toBeGreaterThan(0);
        expect(chunk.length).toBeLessThanOrEqual(amt);
        parts.push(chunk);
      }
      expect(Buffer.concat(parts).equals(data)).toBe(true);
    }
  });

  it('the response itself is async-iterable (64 KiB chunks)', async () => {
    const { r } = makeResponse([BODY]);
    const parts: Buffer[] = [];
    for await (const chunk of r) parts.push(chunk);
    expect(parts.map((p) => p.length)).toEqual([65536, 65536, 65536, BODY.length - 3 * 65536]);
    expect(Buffer.concat(parts).equals(BODY)).toBe(true);
  });

  it('an empty body yields nothing', async () => {
    const { r } = makeResponse([]);
    const parts: Buffer[] = [];
    for await (const chunk of r.stream(10)) parts.push(chunk);
    expect(parts).toEqual([]);
  });

  it('break leaves the response open; reading resumes where it stopped', async () => {
    const { r, release } = makeResponse(['abc', 'def', 'ghi']);
    for await (const chunk of r.stream(2)) {
      expect(chunk.toString()).toBe('ab');
      break;
    }
    expect(release.calls).toBe(0);
    expect((await r.read()).toString()).toBe('cdefghi');
  });

  it('a mid-body error rejects the iteration, then iteration is over', async () => {
    const boom = new Error('boom');
    const { r, raw, release } = makeResponse(['abc', { error: boom }, 'never']);
    const it = r.stream(10);
    expect((await it.next()).value.toString()).toBe('abc');
    await expect(it.next()).rejects.toBe(boom);
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(raw.destroyed).toBe(true);
    expect(release.calls).toBe(1);
  });

  it('Readable.from(r) streams the body', async () => {
    const { r } = makeResponse(chunksOf(BODY, 7000), {}, { sync: false });
    const parts: Buffer[] = [];
    for await (const chunk of Readable.from(r)) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts).equals(BODY)).toBe(true);
  });

  it('stream.pipeline(r, writable) works', async () => {
    const { r } = makeResponse(chunksOf(BODY, 5000), {}, { sync: false });
    const { sink, parts } = collector();
    await pipeline(r, sink);
    expect(Buffer.concat(parts).equals(BODY)).toBe(true);
  });

  it('ReadableStream.from(r) works', async () => {
    const { r } = makeResponse(['ab', 'cd']);
    const parts: Uint8Array[] = [];
    for await (const chunk of NodeReadableStream.from(r)) parts.push(chunk);
    expect(Buffer.concat(parts).toString()).toBe('abcd');
  });
});

describe('toReadable()', () => {
  it('pipes the whole body and releases at the end', async () => {
    const { r, release } = makeResponse(chunksOf(BODY, 3000), {}, { sync: false });
    const { sink, parts } = collector();
    await pipeline(r.toReadable(), sink);
    expect(Buffer.concat(parts).equals(BODY)).toBe(true);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
  });

  it('applies backpressure: a slow consumer does not make it read ahead', async () => {
    const chunks = chunksOf(patternBytes(64 * 1024 * 20), 64 * 1024);
    const { r, raw } = makeResponse(chunks);
    const readable = r.toReadable();
    let seen = 0;
    const sink = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _enc, cb) {
        seen += chunk.length;
        // Never more than a few chunks beyond what the sink took.
        expect(raw.bytesRead - seen).toBeLessThanOrEqual(3 * 64 * 1024);
        setTimeout(cb, 2);
      },
    });
    await pipeline(readable, sink);
    expect(seen).toBe(64 * 1024 * 20);
  });

  it('destroyed early closes the connection (raw destroyed before release)', async () => {
    const { r, raw, release } = makeResponse(chunksOf(BODY, 1000), {}, { sync: false });
    const readable = r.toReadable();
    await new Promise<void>((resolve) => readable.once('data', () => resolve()));
    readable.destroy();
    await new Promise((resolve) => readable.once('close', resolve));
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(true);
    expect(raw.destroyed).toBe(true);
    expect(r.connection).toBeNull();
  });

  it('errors mid-body reach the Readable', async () => {
    const boom = new Error('socket broke');
    const { r, release } = makeResponse(['abc', { delay: 1 }, { error: boom }]);
    const { sink } = collector();
    await expect(pipeline(r.toReadable(), sink)).rejects.toBe(boom);
    expect(release.calls).toBe(1);
  });

  it('async-iterates an empty body', async () => {
    const { r } = makeResponse([]);
    const parts: Buffer[] = [];
    for await (const chunk of r.toReadable()) parts.push(chunk);
    expect(parts).toEqual([]);
  });
});

describe('toWebStream()', () => {
  it('reads the whole body as Uint8Array chunks and releases at the end', async () => {
    const { r, release } = makeResponse(chunksOf(BODY, 9000), {}, { sync: false });
    const parts: Uint8Array[] = [];
    for await (const chunk of r.toWebStream()) parts.push(chunk);
    expect(Buffer.concat(parts).equals(BODY)).toBe(true);
    expect(release.calls).toBe(1);
  });

  it('is pull-based: nothing is read until the consumer asks', async () => {
    const { r, raw } = makeResponse(['a', 'b', 'c']);
    const reader = r.toWebStream().getReader();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(raw.chunksRead).toBe(0);
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('a');
    expect(raw.chunksRead).toBe(1);
    reader.releaseLock();
  });

  it('pipes through TextDecoderStream (codecs.getreader) across split UTF-8', async () => {
    const text = 'héllo wörld ✓ ünïcödé '.repeat(50);
    const { r } = makeResponse(chunksOf(Buffer.from(text), 7), {}, { sync: false });
    let out = '';
    for await (const part of r.toWebStream().pipeThrough(new TextDecoderStream())) out += part;
    expect(out).toBe(text);
    expect(JSON.parse(JSON.stringify({ out })).out).toBe(text);
  });

  it('json from a web stream, like json.load(reader(r))', async () => {
    const doc = { hello: 'wörld', list: [1, 2, 3] };
    const { r } = makeResponse(chunksOf(Buffer.from(JSON.stringify(doc)), 3));
    const text = await new Response(r.toWebStream()).text();
    expect(JSON.parse(text)).toEqual(doc);
  });

  it('cancel() closes the connection', async () => {
    const { r, raw, release } = makeResponse(['abc', 'def']);
    const reader = r.toWebStream().getReader();
    await reader.read();
    await reader.cancel();
    expect(raw.destroyed).toBe(true);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(true);
  });

  it('errors mid-body error the stream', async () => {
    const boom = new Error('reset');
    const { r, release } = makeResponse(['abc', { error: boom }]);
    const reader = r.toWebStream().getReader();
    await reader.read();
    await expect(reader.read()).rejects.toBe(boom);
    expect(release.calls).toBe(1);
  });

  it('works for a ready body', async () => {
    const r = new HTTPResponse({ status: 200, body: 'ready' });
    expect(await new Response(r.toWebStream()).text()).toBe('ready');
  });
});
