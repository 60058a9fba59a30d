import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { createDecoderStream, createDecodingSource, decodeStream } from '../src/index.ts';
import { sampleText } from './helpers/data.ts';
import { CODING, ENCODE, ZSTD_FIXTURE } from './helpers/encoders.ts';
import { ArraySource, readAll, rejectionOf, split } from './helpers/sources.ts';

const text = sampleText(2 << 20, 21);
const bodies = [
  ...Object.keys(ENCODE).map((key) => ({ coding: CODING[key]!, body: ENCODE[key]!(text), text })),
  { coding: 'zstd', body: ZSTD_FIXTURE.body, text: ZSTD_FIXTURE.text },
];

/** A Readable that hands out `buf` 64 KiB at a time, as a socket-backed body would. */
function readable64k(buf: Buffer): Readable {
  return Readable.from(split(buf, 65_536), { objectMode: false, highWaterMark: 65_536 });
}

function collector(): { sink: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { sink, data: () => Buffer.concat(chunks) };
}

describe.each(bodies)('$coding streamed at 64 KiB chunks', ({ coding, body, text: expected }) => {
  it('decodes through decodeStream', async () => {
    const out: Buffer[] = [];
    for await (const chunk of decodeStream(readable64k(body), coding)) {
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.length).toBeLessThanOrEqual(65_536);
      out.push(chunk);
    }
    expect(Buffer.concat(out).equals(expected)).toBe(true);
  });

  it('decodes through createDecoderStream in a pipeline', async () => {
    const { sink, data } = collector();
    await pipeline(readable64k(body), createDecoderStream(coding), sink);
    expect(data().equals(expected)).toBe(true);
  });
});

describe('decodeStream inputs', () => {
  it('accepts a web ReadableStream of Uint8Arrays and a generator', async () => {
    const body = ENCODE.br!(text);
    const pieces = split(body, 10_000);
    const web = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = pieces.shift();
        if (piece === undefined) controller.close();
        else controller.enqueue(new Uint8Array(piece));
      },
    });
    const out: Buffer[] = [];
    for await (const chunk of decodeStream(web, 'br')) out.push(chunk);
    expect(Buffer.concat(out).equals(text)).toBe(true);
    async function* gen() {
      yield new Uint8Array(0);
      yield* split(body, 999);
    }
    const again: Buffer[] = [];
    for await (const chunk of decodeStream(gen(), 'br')) again.push(chunk);
    expect(Buffer.concat(again).equals(text)).toBe(true);
  });

  it('stops the input iterator when the consumer breaks out early', async () => {
    let finalized = false;
    async function* gen() {
      try {
        yield* split(ENCODE.gzip!(text), 4096);
      } finally {
        finalized = true;
      }
    }
    for await (const _chunk of decodeStream(gen(), 'gzip')) break;
    await new Promise((resolve) => setImmediate(resolve));
    expect(finalized).toBe(true);
  });
});

describe('createDecoderStream', () => {
  it('is a pass-through for identity and unknown codings', async () => {
    for (const coding of ['identity', 'compress', undefined]) {
      const { sink, data } = collector();
      await pipeline(Readable.from([Buffer.from('plain')]), createDecoderStream(coding), sink);
      expect(data().toString()).toBe('plain');
    }
  });

  it('fails the pipeline with DecodeError on corrupt input', async () => {
    const { sink } = collector();
    const error = await rejectionOf(
      pipeline(
        Readable.from([Buffer.from('garbage, not gzip')]),
        createDecoderStream('gzip'),
        sink,
      ),
    );
    expect(error).toBeInstanceOf(DecodeError);
  });

  it('stops a bomb at maxDecodedSize while the reader is slow', async () => {
    const bomb = gzipSync(Buffer.alloc(256 << 20));
    let received = 0;
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        setImmediate(callback);
      },
    });
    const error = await rejectionOf(
      pipeline(readable64k(bomb), createDecoderStream('gzip', { maxDecodedSize: 8 << 20 }), slow),
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toContain('8388608 bytes');
    expect(received).toBeLessThanOrEqual(8 << 20);
  });

  it('keeps decoded output bounded while nobody reads', async () => {
    const stream = createDecoderStream('gzip');
    stream.write(gzipSync(Buffer.alloc(64 << 20)));
    stream.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Without a reader, only about one high-water mark's worth has been decoded.
    expect(stream.readableLength).toBeLessThanOrEqual(2 * 65_536);
    let total = 0;
    for await (const chunk of stream) total += (chunk as Buffer).length;
    expect(total).toBe(64 << 20);
  });
});

describe('destroy', () => {
  it('destroys the raw source too, and rejects later reads with the error', async () => {
    const raw = new ArraySource(split(gzipSync(text), 1024));
    const decoded = createDecodingSource(raw, 'gzip, identity');
    await decoded.next();
    const reason = new Error('caller gave up');
    decoded.destroy(reason);
    expect(raw.destroyed).toBe(reason);
    expect(await rejectionOf(decoded.next())).toBe(reason);
  });

  it('rejects a read in progress', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const raw = {
      destroyed: false,
      async next(): Promise<Buffer | null> {
        await gate;
        return null;
      },
      destroy() {
        this.destroyed = true;
      },
    };
    const decoded = createDecodingSource(raw, 'br');
    const pending = decoded.next();
    decoded.destroy(new Error('stop'));
    release();
    expect((await rejectionOf(pending)).message).toBe('stop');
    expect(raw.destroyed).toBe(true);
  });

  it('passes raw-source errors through unchanged', async () => {
    const failure = new Error('socket reset');
    const raw = {
      async next(): Promise<Buffer | null> {
        throw failure;
      },
      destroy() {},
    };
    expect(await rejectionOf(readAll(createDecodingSource(raw, 'gzip')))).toBe(failure);
    expect(await rejectionOf(readAll(createDecodingSource(raw, 'deflate')))).toBe(failure);
  });
});
