import { IncompleteRead, ProtocolError, ReadTimeoutError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { HTTPResponse, WebStreamBody } from '../src/index.ts';

const encoder = new TextEncoder();

/** A pull stream over fixed chunks that records how far it was read and whether it was cancelled. */
function chunkStream(chunks: Uint8Array[]) {
  const state = { pulled: 0, cancelled: null as unknown };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[state.pulled++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
      cancel(reason) {
        state.cancelled = reason ?? 'cancelled';
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

const toBuffer = (chunk: Uint8Array): Buffer =>
  Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

describe('WebStreamBody', () => {
  it('feeds read(amt), read() and tell() from a web stream, pulling only on demand', async () => {
    const { stream, state } = chunkStream([encoder.encode('hello '), encoder.encode('world')]);
    const r = new HTTPResponse({
      status: 200,
      raw: new WebStreamBody(stream, { toChunk: toBuffer }),
    });
    expect(state.pulled).toBe(0);
    expect((await r.read(3)).toString()).toBe('hel');
    expect(state.pulled).toBe(1);
    expect((await r.read()).toString()).toBe('lo world');
    expect(r.tell()).toBe(11);
    expect((await r.read(1)).length).toBe(0);
    expect(r.closed).toBe(true);
  });

  it('streams bounded chunks and releases at the end', async () => {
    const big = new Uint8Array(100_000).fill(7);
    const { stream } = chunkStream([big, big]);
    let released = 0;
    const r = new HTTPResponse({
      status: 200,
      raw: new WebStreamBody(stream, { toChunk: toBuffer }),
      release: { release: () => released++ },
      autoRelease: true,
    });
    let total = 0;
    for await (const chunk of r.stream(16384)) {
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.length).toBeLessThanOrEqual(16384);
      total += chunk.length;
    }
    expect(total).toBe(200_000);
    expect(released).toBe(1);
  });

  it('preloads for json() and text(), and re-exposes the body through toWebStream()', async () => {
    const json = new HTTPResponse({
      status: 200,
      raw: new WebStreamBody(chunkStream([encoder.encode('{"a":'), encoder.encode('1}')]).stream),
    });
    await json.preload();
    expect(json.json()).toEqual({ a: 1 });
    const piped = new HTTPResponse({
      status: 200,
      raw: new WebStreamBody(chunkStream([encoder.encode('ab'), encoder.encode('c')]).stream),
    });
    let text = '';
    for await (const part of piped.toWebStream().pipeThrough(new TextDecoderStream())) text += part;
    expect(text).toBe('abc');
  });

  it('throws IncompleteRead when the stream ends before the expected length', async () => {
    const { stream } = chunkStream([encoder.encode('abc')]);
    const r = new HTTPResponse({ status: 200, raw: new WebStreamBody(stream, { length: 10 }) });
    const error = await r.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteRead);
    expect((error as IncompleteRead).message).toBe('IncompleteRead(3 bytes read, 7 more expected)');
  });

  it('throws ProtocolError when the stream delivers more than the expected length', async () => {
    const { stream } = chunkStream([encoder.encode('abcdef')]);
    const r = new HTTPResponse({ status: 200, raw: new WebStreamBody(stream, { length: 2 }) });
    await expect(r.read()).rejects.toBeInstanceOf(ProtocolError);
  });

  it('maps a stream error through mapError (how fetch transports report timeouts)', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new DOMException('The operation was aborted.', 'AbortError'));
      },
    });
    const r = new HTTPResponse({
      status: 200,
      raw: new WebStreamBody(stream, {
        mapError: (cause) => new ReadTimeoutError(null, 'u', 'Read timed out.', { cause }),
      }),
    });
    await expect(r.read()).rejects.toBeInstanceOf(ReadTimeoutError);
    await expect(r.read()).rejects.toBeInstanceOf(ReadTimeoutError);
  });

  it('cancels the stream when the response is closed or released unread', async () => {
    const closed = chunkStream([encoder.encode('abc'), encoder.encode('def')]);
    const r = new HTTPResponse({ status: 200, raw: new WebStreamBody(closed.stream) });
    await r.read(1);
    r.close();
    await Promise.resolve();
    expect(closed.state.cancelled).toBeInstanceOf(ProtocolError);

    const released = chunkStream([encoder.encode('abc')]);
    const r2 = new HTTPResponse({ status: 200, raw: new WebStreamBody(released.stream) });
    r2.releaseConn();
    await Promise.resolve();
    expect(released.state.cancelled).not.toBeNull();
    expect((await r2.read()).length).toBe(0);
  });

  it('a pending read rejects when the body is destroyed under it', async () => {
    const stream = new ReadableStream<Uint8Array>({ pull() {} }, { highWaterMark: 0 });
    const body = new WebStreamBody(stream);
    const pending = body.next();
    body.destroy(new ProtocolError('gone'));
    await expect(pending).rejects.toThrow('gone');
    expect(() => body.tryNext()).toThrow('gone');
  });
});

describe('bodyDecoded and the web twin of toReadable()', () => {
  it('a body the transport decoded is handed out as is, Content-Encoding kept', async () => {
    const { stream } = chunkStream([encoder.encode('already plain')]);
    const r = new HTTPResponse({
      status: 200,
      headers: { 'Content-Encoding': 'gzip' },
      raw: new WebStreamBody(stream),
      bodyDecoded: true,
    });
    expect(r.decodeContent).toBe(true);
    expect(new TextDecoder().decode(await r.read())).toBe('already plain');
    expect(r.headers.get('content-encoding')).toBe('gzip');
  });

  it('toReadable() outside Node says to use toWebStream()', async () => {
    const { ResponseReadable } = await import('../src/platform/response-readable.web.ts');
    expect(() => new ResponseReadable({} as never, 1, true)).toThrow(/toWebStream/);
  });

  it('accepts a Uint8Array as a ready body', () => {
    const r = new HTTPResponse({ status: 200, body: encoder.encode('{"a":1}') as Buffer });
    expect(r.json()).toEqual({ a: 1 });
  });
});
