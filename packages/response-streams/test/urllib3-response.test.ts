// Ported from urllib3's test/test_response.py (urllib3 2.x): the behaviours of HTTPResponse that
// exist in urlpool, checked on a response over an in-memory raw body (FakeRawReader), as urllib3
// checks them over a BytesIO. Framing (chunked parsing, Content-Length, IncompleteRead) lives
// in the connection's reader here: see packages/connection/test/urllib3-response-framing.*.
// Not ported: BytesQueueBuffer (internal), deprecated getheader(s), fileno/writable, io
// BufferedReader/TextIOWrapper internals (the Node and web stream adapters stand in for them),
// read_chunked (stream() covers it), line iteration (urlpool iterates chunks, per api.md),
// mock-only cases (MockHTTPRequest), memory-limit markers.
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync, inflateSync } from 'node:zlib';
import { DecodeError, HTTPHeaderDict, ProtocolError, Retry, SSLError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { HTTPResponse } from '../src/index.ts';
import { chunksOf } from './helpers/fake-raw-reader.ts';
import { makeResponse } from './helpers/make-response.ts';
import { zstdFrame, zstdRawFrame, zstdSkippableFrame } from './helpers/zstd-frames.ts';

const FOO_GZ = gzipSync('foo');

/** A streaming response over `body` in one raw chunk, with optional headers. */
function over(body: Buffer | string, headers: Record<string, string> = {}, contentLength = true) {
  const bytes = Buffer.from(body);
  return makeResponse(
    bytes.length === 0 ? [] : [bytes],
    { headers },
    {
      contentLength: contentLength ? bytes.length : null,
    },
  );
}

/** Reads with read(1) until `closed` (at most `limit` reads), as urllib3's tests loop. */
async function readByOneUntilClosed(r: HTTPResponse, limit = 100): Promise<string> {
  let out = '';
  for (let i = 0; i < limit; i++) {
    out += (await r.read(1)).toString();
    if (r.closed) break;
  }
  return out;
}

async function collect(it: AsyncIterable<Buffer>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of it) out.push(chunk.toString());
  return out;
}

describe('urllib3 test_response: caching and preload', () => {
  it('a ready body is data and the response is closed (test_cache_content, test_body_blob)', () => {
    const r = new HTTPResponse({ status: 200, body: Buffer.from('foo') });
    expect(r.data.toString()).toBe('foo');
    expect(r.closed).toBe(true);
  });

  it('preloadContent: false leaves the body on the connection until preload() (test_cache_content_preload_false, test_no_preload)', async () => {
    const { r, raw } = over('foo');
    expect(raw.bytesRead).toBe(0);
    expect(r.data.length).toBe(0);
    await r.preload();
    expect(raw.bytesRead).toBe(3);
    expect(r.data.toString()).toBe('foo');
    expect(r.data.toString()).toBe('foo');
  });
});

describe('urllib3 test_response: read() and read1()', () => {
  it('read(0), read(1), read(2), then empty reads (test_reference_read)', async () => {
    const { r } = over('foo');
    expect((await r.read(0)).toString()).toBe('');
    expect((await r.read(1)).toString()).toBe('f');
    expect((await r.read(2)).toString()).toBe('oo');
    expect((await r.read()).length).toBe(0);
    expect((await r.read()).length).toBe(0);
  });

  it('read() without amt reads to the end (test_reference_read_until_eof)', async () => {
    expect((await over('foo').r.read()).toString()).toBe('foo');
    expect((await over('foo').r.read(undefined)).toString()).toBe('foo');
  });

  it.each([true, false])(
    'read1(0), read1(1), read1(2), read1(), read1() (test_reference_read1, decodeContent %s)',
    async (decodeContent) => {
      const { r } = makeResponse(['foobar'], { decodeContent }, { contentLength: 6 });
      expect((await r.read1(0)).toString()).toBe('');
      expect((await r.read1(1)).toString()).toBe('f');
      expect((await r.read1(2)).toString()).toBe('oo');
      expect((await r.read1()).toString()).toBe('bar');
      expect((await r.read1()).toString()).toBe('');
    },
  );

  it('read1() without a limit returns the body (test_reference_read1_without_limit)', async () => {
    expect((await over('foo').r.read1()).toString()).toBe('foo');
  });

  it('read1 on a deflate body returns decoded bytes (test_decoding_read1)', async () => {
    const { r } = over(deflateSync('foobar'), { 'content-encoding': 'deflate' });
    expect((await r.read1(1)).toString()).toBe('f');
    expect((await r.read1(2)).toString()).toBe('oo');
    expect((await r.read1()).toString()).toBe('bar');
    expect((await r.read1()).toString()).toBe('');
  });

  it('a raw read after a decoded one throws, read and read1 alike (test_read{,1}_with_illegal_mix_decode_toggle)', async () => {
    const a = over(deflateSync('foo'), { 'content-encoding': 'deflate' }).r;
    expect((await a.read(1)).toString()).toBe('f');
    await expect(a.read(1, { decodeContent: false })).rejects.toThrow(/not supported/);
    await expect(a.read(undefined, { decodeContent: false })).rejects.toThrow(/not supported/);
    const b = over(deflateSync('foo'), { 'content-encoding': 'deflate' }).r;
    expect((await b.read1(1)).toString()).toBe('f');
    await expect(b.read1(1, { decodeContent: false })).rejects.toThrow(/not supported/);
    await expect(b.read1(undefined, { decodeContent: false })).rejects.toThrow(/not supported/);
  });

  it('a decoded read after a raw one decodes the rest (test_read_with_mix_decode_toggle)', async () => {
    const { r } = over(deflateSync('foo'), { 'content-encoding': 'deflate' });
    expect((await r.read(2, { decodeContent: false })).length).toBe(2);
    expect((await r.read(1, { decodeContent: true })).toString()).toBe('f');
  });

  it('readInto() fills a target (urllib3 readinto)', async () => {
    const { r } = over('foobar');
    const target = new Uint8Array(4);
    expect(await r.readInto(target)).toBe(4);
    expect(Buffer.from(target).toString()).toBe('foob');
    expect(await r.readInto(target)).toBe(2);
    expect(await r.readInto(target)).toBe(0);
  });

  it('an error from the transport reaches read() and preload() as is (test_non_timeout_ssl_error_on_read)', async () => {
    const macError = new SSLError('decryption failed or bad record mac');
    const preloaded = makeResponse([{ error: macError }]).r;
    await expect(preloaded.preload()).rejects.toBe(macError);
    const streamed = makeResponse([{ error: macError }]).r;
    await expect(streamed.read()).rejects.toBe(macError);
  });
});

describe('urllib3 test_response: closed', () => {
  it('a streaming response is open until close() (test_io)', () => {
    const { r } = over('foo');
    expect(r.closed).toBe(false);
    expect(r.readable()).toBe(true);
    r.close();
    expect(r.closed).toBe(true);
    expect(r.isClosed()).toBe(true);
  });

  it('read() to the end closes (test_io_closed_consistently_by_read)', async () => {
    const { r } = over('foo');
    expect(r.closed).toBe(false);
    await r.read();
    expect(r.closed).toBe(true);
    expect(r.isClosed()).toBe(true);
  });

  it.each([undefined, 3])(
    'read1(%s) of a known length closes at once (test_io_closed_consistently_by_read1)',
    async (amt) => {
      const { r } = over('foo');
      expect((await r.read1(amt)).toString()).toBe('foo');
      expect(r.closed).toBe(true);
    },
  );

  it.each([undefined, 3])(
    'read1(%s) of an unknown length closes at the next, empty read1 (test_io_closed_consistently_by_read1)',
    async (amt) => {
      // The delay keeps the reader from knowing the end before the peer closes.
      const { r } = makeResponse(['foo', { delay: 1 }]);
      expect((await r.read1(amt)).toString()).toBe('foo');
      expect(r.closed).toBe(false);
      expect((await r.read1(amt)).length).toBe(0);
      expect(r.closed).toBe(true);
    },
  );

  it('read(1) keeps a known-length response open until its last byte (test_io_not_closed_until_all_data_is_read)', async () => {
    const { r } = over('foo');
    for (let left = 3; left > 0; left--) {
      expect(r.closed).toBe(false);
      expect((await r.read(1)).length).toBe(1);
    }
    expect(r.closed).toBe(true);
  });

  it('read(1) keeps an unknown-length response open until the empty read (test_io_not_closed_until_all_data_is_read)', async () => {
    const { r } = makeResponse(['foo', { delay: 1 }]);
    for (let left = 3; left > 0; left--) {
      expect(r.closed).toBe(false);
      expect((await r.read(1)).length).toBe(1);
    }
    expect(r.closed).toBe(false);
    expect((await r.read(1)).length).toBe(0);
    expect(r.closed).toBe(true);
  });

  it.each([3, null])(
    'read(0) does not close (test_io_not_closed_after_requesting_0_bytes, length %s)',
    async (contentLength) => {
      const { r } = makeResponse(['foo'], {}, { contentLength });
      expect((await r.read(0)).length).toBe(0);
      expect(r.closed).toBe(false);
    },
  );

  it('a decoded body read by read(1) stays open until its last decoded byte (test_decode_gzip_swallow_garbage loop)', async () => {
    const { r } = over(FOO_GZ, { 'content-encoding': 'gzip' });
    expect(await readByOneUntilClosed(r)).toBe('foo');
  });
});

describe('urllib3 test_response: Node and web streams stand in for io wrappers', () => {
  it('toReadable() reads the body and closes the response (test_io_bufferedreader)', async () => {
    const { r } = over('foo');
    const chunks: Buffer[] = [];
    for await (const chunk of r.toReadable()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('foo');
    expect(r.closed).toBe(true);
  });

  it('toWebStream() through TextDecoderStream decodes UTF-8 (test_io_textiowrapper)', async () => {
    const { r } = over(Buffer.from('äöüß\nαβγδ'));
    let text = '';
    for await (const part of r.toWebStream().pipeThrough(new TextDecoderStream())) text += part;
    expect(text).toBe('äöüß\nαβγδ');
    expect(r.closed).toBe(true);
  });
});

describe('urllib3 test_response: deflate and gzip', () => {
  it('deflate of garbage is a DecodeError (test_decode_bad_data)', async () => {
    await expect(
      over(Buffer.alloc(10), { 'content-encoding': 'deflate' }).r.preload(),
    ).rejects.toThrow(DecodeError);
  });

  it.each(['deflate', 'DeFlAtE'])(
    'zlib-wrapped deflate decodes, coding %s (test_decode_deflate, _case_insensitve)',
    async (coding) => {
      const { r } = over(deflateSync('foo'), { 'content-encoding': coding });
      await r.preload();
      expect(r.data.toString()).toBe('foo');
    },
  );

  it.each([
    ['deflate', 'zlib-wrapped', deflateSync],
    ['deflate', 'raw', deflateRawSync],
    ['gzip', 'gzip', gzipSync],
    ['x-gzip', 'gzip', gzipSync],
  ] as const)(
    '%s (%s) read(1), read(2), then empty reads (test_chunked_decoding_deflate{,2}, _gzip)',
    async (coding, _form, encode) => {
      const { r } = over(encode('foo'), { 'content-encoding': coding });
      expect((await r.read(1)).toString()).toBe('f');
      expect((await r.read(2)).toString()).toBe('oo');
      expect((await r.read()).length).toBe(0);
      expect((await r.read()).length).toBe(0);
    },
  );

  it('three gzip members decode to all three (test_decode_gzip_multi_member)', async () => {
    const { r } = over(Buffer.concat([FOO_GZ, FOO_GZ, FOO_GZ]), { 'content-encoding': 'gzip' });
    await r.preload();
    expect(r.data.toString()).toBe('foofoofoo');
  });

  it('gzip of non-gzip bytes is a DecodeError (test_decode_gzip_error)', async () => {
    await expect(over('foo', { 'content-encoding': 'gzip' }).r.preload()).rejects.toThrow(
      DecodeError,
    );
  });

  it('garbage after the gzip members is ignored, read(1) by read(1) (test_decode_gzip_swallow_garbage)', async () => {
    const wire = Buffer.concat([FOO_GZ, FOO_GZ, FOO_GZ, Buffer.from('foo')]);
    const { r } = over(wire, { 'content-encoding': 'gzip' });
    expect(await readByOneUntilClosed(r)).toBe('foofoofoo');
  });

  it('garbage after the gzip members is ignored by preload() (test_chunked_decoding_gzip_swallow_garbage)', async () => {
    const wire = Buffer.concat([FOO_GZ, FOO_GZ, FOO_GZ, Buffer.from('foo')]);
    const { r } = over(wire, { 'content-encoding': 'gzip' });
    await r.preload();
    expect(r.data.toString()).toBe('foofoofoo');
  });

  it('a gzip body in 2-byte chunks decodes (test_mock_gzipped_transfer_encoding_chunked_decoded)', async () => {
    const { r } = makeResponse(
      chunksOf(gzipSync('foobar'), 2),
      {
        headers: { 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' },
      },
      { chunked: true },
    );
    expect((await collect(r.stream(undefined, { decodeContent: true }))).join('')).toBe('foobar');
  });

  it('for await of the response decodes (test__iter__decode_content)', async () => {
    const { r } = makeResponse(
      chunksOf(gzipSync('foo\nbar'), 2),
      {
        headers: { 'content-encoding': 'gzip' },
      },
      { chunked: true },
    );
    expect((await collect(r)).join('')).toBe('foo\nbar');
  });
});

describe('urllib3 test_response: brotli', () => {
  it('decodes br (test_decode_brotli)', async () => {
    const { r } = over(brotliCompressSync('foo'), { 'content-encoding': 'br' });
    await r.preload();
    expect(r.data.toString()).toBe('foo');
  });

  it('br read(1) by read(1) (test_chunked_decoding_brotli)', async () => {
    const { r } = over(brotliCompressSync('foobarbaz'), { 'content-encoding': 'br' });
    expect(await readByOneUntilClosed(r)).toBe('foobarbaz');
  });

  it('br of non-brotli bytes is a DecodeError (test_decode_brotli_error)', async () => {
    await expect(over('foo', { 'content-encoding': 'br' }).r.preload()).rejects.toThrow(
      DecodeError,
    );
  });
});

describe('urllib3 test_response: zstd', () => {
  const DATA = ['foo', 'x'.repeat(100)];
  const frame = zstdFrame;

  it('decodes zstd (test_decode_zstd)', async () => {
    const { r } = over(zstdRawFrame('foo'), { 'content-encoding': 'zstd' });
    await r.preload();
    expect(r.data.toString()).toBe('foo');
  });

  it('decodes frames on both sides of a skippable frame (test_decode_multiframe_zstd)', async () => {
    const wire = Buffer.concat([zstdRawFrame('foo'), zstdSkippableFrame(7), zstdRawFrame('bar')]);
    const { r } = over(wire, { 'content-encoding': 'zstd' });
    await r.preload();
    expect(r.data.toString()).toBe('foobar');
  });

  it('zstd read(1) by read(1) (test_chunked_decoding_zstd)', async () => {
    const { r } = over(zstdRawFrame('foobarbaz'), { 'content-encoding': 'zstd' });
    expect(await readByOneUntilClosed(r)).toBe('foobarbaz');
  });

  it.each(DATA)('non-zstd bytes %j are a DecodeError (test_decode_zstd_error)', async (data) => {
    await expect(over(data, { 'content-encoding': 'zstd' }).r.preload()).rejects.toThrow(
      DecodeError,
    );
  });

  it.each(DATA)(
    'a zstd frame missing its last byte is a DecodeError: preload, read, read1 (test_decode_zstd_incomplete_*) %j',
    async (data) => {
      const cut = frame(data).subarray(0, -1);
      const headers = { 'content-encoding': 'zstd' };
      await expect(over(cut, headers).r.preload()).rejects.toThrow(DecodeError);
      await expect(over(cut, headers).r.read(undefined, { decodeContent: true })).rejects.toThrow(
        DecodeError,
      );
      const r = over(cut, headers).r;
      const readAll = async () => {
        for (let n = 0; n < 1000; n++) {
          if ((await r.read1(undefined, { decodeContent: true })).length === 0) return;
        }
      };
      await expect(readAll()).rejects.toThrow(DecodeError);
    },
  );

  it.each(DATA)(
    'read1() loops return the whole zstd body %j (test_decode_zstd_read1)',
    async (data) => {
      const { r } = over(frame(data), { 'content-encoding': 'zstd' });
      let out = '';
      while (out.length < data.length)
        out += (await r.read1(undefined, { decodeContent: true })).toString();
      expect(out).toBe(data);
    },
  );
});

describe('urllib3 test_response: stacked codings', () => {
  it('deflate, deflate (test_multi_decoding_deflate_deflate)', async () => {
    const { r } = over(deflateSync(deflateSync('foo')), { 'content-encoding': 'deflate, deflate' });
    await r.preload();
    expect(r.data.toString()).toBe('foo');
  });

  it('deflate, gzip: the last coding applied is undone first (test_multi_decoding_deflate_gzip)', async () => {
    const { r } = over(gzipSync(deflateSync('foo')), { 'content-encoding': 'deflate, gzip' });
    await r.preload();
    expect(r.data.toString()).toBe('foo');
  });

  it('gzip, gzip (test_multi_decoding_gzip_gzip)', async () => {
    const { r } = over(gzipSync(gzipSync('foo')), { 'content-encoding': 'gzip, gzip' });
    await r.preload();
    expect(r.data.toString()).toBe('foo');
  });

  it('gzip, deflate: deflate was applied last, so it is undone first', async () => {
    const { r } = over(deflateSync(gzipSync('foo')), { 'content-encoding': 'gzip, deflate' });
    await r.preload();
    expect(r.data.toString()).toBe('foo');
  });

  it('an unknown single coding passes through; in a stack it is a DecodeError (urllib3 decodes only known codings)', async () => {
    const single = over('foo', { 'content-encoding': 'compress' }).r;
    await single.preload();
    expect(single.data.toString()).toBe('foo');
    const stacked = over(gzipSync('foo'), { 'content-encoding': 'compress, gzip' }).r;
    await expect(stacked.preload()).rejects.toThrow(DecodeError);
  });

  it('read(amt) across a deflate, deflate body (test_read_multi_decoding_deflate_deflate)', async () => {
    const msg = 'foobarbaz'.repeat(42);
    const { r } = over(deflateSync(deflateSync(msg)), { 'content-encoding': 'deflate, deflate' });
    expect((await r.read(3)).toString()).toBe('foo');
    expect((await r.read(3)).toString()).toBe('bar');
    expect((await r.read(3)).toString()).toBe('baz');
    expect((await r.read(9)).toString()).toBe('foobarbaz');
    expect((await r.read(27)).toString()).toBe('foobarbaz'.repeat(3));
    expect((await r.read(9 * 37)).toString()).toBe('foobarbaz'.repeat(37));
    expect((await r.read()).length).toBe(0);
  });
});

describe('urllib3 test_response: bounded decoding (CVE-2025-66471, CVE-2025-66418)', () => {
  const CODERS: Array<[string, string, (b: Buffer) => Buffer]> = [
    ['deflate1', 'deflate', deflateSync],
    ['deflate2', 'deflate', deflateRawSync],
    ['gzip', 'gzip', gzipSync],
    ['brotli', 'br', brotliCompressSync],
    ['zstd', 'zstd', zstdFrame],
  ];

  it.each(CODERS)(
    '%s: read(0), read(2500), read(500), read(0), read() split a body exactly (test_read_with_all_data_already_in_decompressor)',
    async (_id, coding, encode) => {
      const original = Buffer.from('bar'.repeat(1000));
      const { r } = over(encode(original), { 'content-encoding': coding });
      expect((await r.read(0)).length).toBe(0);
      expect((await r.read(2500)).equals(original.subarray(0, 2500))).toBe(true);
      expect((await r.read(500)).equals(original.subarray(2500))).toBe(true);
      expect((await r.read(0)).length).toBe(0);
      expect((await r.read()).length).toBe(0);
    },
  );

  it.each(CODERS.flatMap((c) => [0, -1].map((delta) => [...c, delta] as const)))(
    '%s (%s): read(encoded length + %i) returns that many decoded bytes, then the rest (test_decode_with_max_length_close_to_compressed_data_size)',
    async (_id, coding, encode, delta) => {
      // One repeated byte, so that the test's zstd frames (RLE) compress it too.
      const original = Buffer.alloc(3000, 'f');
      const wire = encode(original);
      const { r } = over(wire, { 'content-encoding': coding });
      const limit = wire.length + delta;
      expect((await r.read(limit, { decodeContent: true })).length).toBe(limit);
      expect((await r.read(original.length, { decodeContent: true })).length).toBe(
        original.length - limit,
      );
    },
  );

  it.each(CODERS)(
    '%s: read(1 MiB) and stream(1 MiB) of a 50 MiB body yield at most 1 MiB (test_memory_usage_decode_with_max_length)',
    async (_id, coding, encode) => {
      const wire = encode(Buffer.alloc(50 * 2 ** 20, 'A'));
      const limit = 2 ** 20;
      const headers = { 'content-encoding': coding };
      expect((await over(wire, headers).r.read(limit, { decodeContent: true })).length).toBe(limit);
      const { r } = makeResponse([wire], { headers }, { chunked: true });
      const first = await r.stream(limit, { decodeContent: true }).next();
      expect(first.value.length).toBeLessThanOrEqual(limit);
      expect(first.value.length).toBeGreaterThan(0);
      r.close();
    },
  );

  it('six stacked codings are a DecodeError naming 6 > 5 (test_read_multi_decoding_too_many_links)', async () => {
    const { r } = over('foo', { 'content-encoding': 'gzip, deflate, br, zstd, gzip, deflate' });
    await expect(r.preload()).rejects.toThrow(/Too many content encodings in the chain: 6 > 5/);
  });
});

describe('urllib3 test_response: stream() and tell()', () => {
  it("stream(2) without decoding yields 'fo', 'o' and tell() follows (test_streaming, _tell)", async () => {
    const { r } = over('foo');
    const it = r.stream(2, { decodeContent: false });
    expect((await it.next()).value.toString()).toBe('fo');
    expect(r.tell()).toBe(2);
    expect((await it.next()).value.toString()).toBe('o');
    expect(r.tell()).toBe(3);
    expect((await it.next()).done).toBe(true);
  });

  it.each([
    ['gzip', 'gzip', gzipSync],
    ['deflate', 'zlib-wrapped', deflateSync],
    ['deflate', 'raw', deflateRawSync],
  ] as const)(
    "%s (%s) stream(2) yields 'fo', 'o' (test_gzipped_streaming, test_deflate{,2}_streaming)",
    async (coding, _form, encode) => {
      expect(
        await collect(over(encode('foo'), { 'content-encoding': coding }).r.stream(2)),
      ).toEqual(['fo', 'o']);
    },
  );

  it('after the whole gzip body, tell() is its encoded length (test_gzipped_streaming_tell)', async () => {
    const { r } = over(FOO_GZ, { 'content-encoding': 'gzip' });
    const it = r.stream();
    expect((await it.next()).value.toString()).toBe('foo');
    expect(r.tell()).toBe(FOO_GZ.length);
    expect((await it.next()).done).toBe(true);
  });

  it('tell() counts raw bytes part-way through a deflate stream (test_deflate_streaming_tell_intermediate_point)', async () => {
    // Not-too-compressible printable text, made deterministically.
    let seed = 7;
    const text = Buffer.from(
      Array.from({ length: 512 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return String.fromCharCode(32 + (seed % 95));
      }).join(''),
    );
    const payload = deflateSync(text);
    const partSize = Math.floor(payload.length / 10);
    const { r } = makeResponse(chunksOf(payload, partSize), {
      headers: { 'content-encoding': 'deflate' },
    });
    const parts: Buffer[] = [];
    const positions: number[] = [];
    for await (const part of r.stream(64)) {
      parts.push(part);
      positions.push(r.tell());
    }
    expect(Buffer.concat(parts).equals(inflateSync(payload))).toBe(true);
    // urllib3 hard-codes its positions; ours are whole raw reads, never past the body.
    for (const [i, position] of positions.entries()) {
      expect(position % partSize === 0 || position === payload.length).toBe(true);
      if (i > 0) expect(position).toBeGreaterThanOrEqual(positions[i - 1]!);
    }
    expect(r.tell()).toBe(payload.length);
    // urlpool does not re-pack stream() chunks to exactly amt (README): at most 64 bytes.
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(64);
  });

  it('an empty body streams nothing (test_empty_stream)', async () => {
    expect(await collect(over('').r.stream(2, { decodeContent: false }))).toEqual([]);
  });

  it('chunks of a chunked body come out as they arrived (test_mock_transfer_encoding_chunked)', async () => {
    const { r } = makeResponse(['fo', 'o', 'bar'], {}, { chunked: true });
    expect(await collect(r.stream())).toEqual(['fo', 'o', 'bar']);
  });

  it('stream(2) splits each chunk without joining chunks, as read_chunked(2) (test_mock_transfer_encoding_chunked_custom_read)', async () => {
    const { r } = makeResponse(['foooo', 'bbbbaaaaar'], {}, { chunked: true });
    expect(await collect(r.stream(2))).toEqual(['fo', 'oo', 'o', 'bb', 'bb', 'aa', 'aa', 'ar']);
  });

  it('stream() yields whole chunks, as read_chunked() (test_mock_transfer_encoding_chunked_unlmtd_read)', async () => {
    const { r } = makeResponse(['foooo', 'bbbbaaaaar'], {}, { chunked: true });
    expect(await collect(r.stream())).toEqual(['foooo', 'bbbbaaaaar']);
  });

  it('a bodiless chunked (HEAD) response streams nothing and releases once (test_chunked_head_response)', async () => {
    const { r, release } = makeResponse(
      [],
      { requestMethod: 'HEAD', headers: { 'transfer-encoding': 'chunked' }, autoRelease: true },
      { chunked: true },
    );
    expect(r.chunked).toBe(true);
    expect(await collect(r.stream())).toEqual([]);
    expect(release.calls).toBe(1);
  });

  it('decodes a 10 MiB deflate body in one read, read1 or preload (test_buffer_memory_usage_decode_one_chunk)', async () => {
    const size = 10 * 2 ** 20;
    const wire = deflateSync(Buffer.alloc(size));
    const headers = { 'content-encoding': 'deflate' };
    const preloaded = over(wire, headers).r;
    await preloaded.preload();
    expect(preloaded.data.length).toBe(size);
    expect((await over(wire, headers).r.read()).length).toBe(size);
    expect((await over(wire, headers).r.read(size)).length).toBe(size);
    let got = 0;
    const r = over(wire, headers).r;
    for (let c = await r.read1(); c.length > 0; c = await r.read1()) got += c.length;
    expect(got).toBe(size);
  });
});

describe('urllib3 test_response: test_unexpected_body', () => {
  it.each([{ contentLength: 5 }, { contentLength: 0 }, {}])(
    'body bytes on a 204 are a ProtocolError "Response may not contain content" (%j)',
    async (readerOptions) => {
      const { r, raw, release } = makeResponse(['12345'], { status: 204 }, readerOptions);
      await expect(r.read(16)).rejects.toThrow('Response may not contain content');
      expect(raw.destroyed).toBe(true);
      expect(release.calls).toBe(1);
    },
  );

  it.each([
    [304, 'GET'],
    [200, 'HEAD'],
    [200, 'head'],
  ])('so are body bytes on a %i answer to %s', async (status, requestMethod) => {
    const { r } = makeResponse(['12345'], { status, requestMethod });
    await expect(r.preload()).rejects.toThrow(ProtocolError);
  });

  it('a bodiless 204 reads as empty, and a 200 to GET with the same bytes is fine', async () => {
    const empty = makeResponse([], { status: 204 }).r;
    expect((await empty.read()).length).toBe(0);
    expect(empty.closed).toBe(true);
    expect((await makeResponse(['12345'], { requestMethod: 'GET' }).r.read()).toString()).toBe(
      '12345',
    );
  });
});

describe('urllib3 test_response: lengthRemaining', () => {
  it('null without a length, the length with one (test_length_no_header, _w_valid_header)', () => {
    expect(makeResponse(['12345']).r.lengthRemaining).toBeNull();
    expect(makeResponse(['12345'], {}, { contentLength: 5 }).r.lengthRemaining).toBe(5);
  });

  it('after reads: null stays null, the length counts down (test_length_after_read)', async () => {
    const unknown = makeResponse(['12345']).r;
    await unknown.read();
    expect(unknown.lengthRemaining).toBeNull();
    const known = makeResponse(['12345'], {}, { contentLength: 5 }).r;
    await known.read();
    expect(known.lengthRemaining).toBe(0);
    const partial = makeResponse(['12345'], {}, { contentLength: 5 }).r;
    await partial.stream(2).next();
    expect(partial.lengthRemaining).toBe(3);
  });
});

describe('urllib3 test_response: metadata', () => {
  it('new HTTPResponse() has no body and status 200 (test_default, test_none)', () => {
    const r = new HTTPResponse();
    expect(r.status).toBe(200);
    expect(r.data.length).toBe(0);
    expect(r.closed).toBe(true);
    expect(new HTTPResponse({ body: null }).data.length).toBe(0);
  });

  it('headers are case-insensitive, with no status given (test_get_case_insensitive_headers, test_getheader)', () => {
    const r = new HTTPResponse({ headers: { host: 'example.com' } });
    expect(r.headers.get('host')).toBe('example.com');
    expect(r.headers.get('Host')).toBe('example.com');
    expect(r.headers).toBeInstanceOf(HTTPHeaderDict);
  });

  it('retries is null by default and the Retry given otherwise (test_retries)', () => {
    expect(new HTTPResponse({}).retries).toBeNull();
    const retry = new Retry();
    expect(new HTTPResponse({ retries: retry }).retries).toBe(retry);
  });

  it('url is the request URL and can be set (test_geturl, test_url)', () => {
    const r = new HTTPResponse({ requestUrl: 'https://example.com' });
    expect(r.url).toBe('https://example.com');
    r.url = 'https://anotherurl.com';
    expect(r.url).toBe('https://anotherurl.com');
  });

  it('url is the last redirect of the Retry history (test_geturl_retries)', () => {
    const history = [
      {
        method: 'GET',
        url: 'http://example.com',
        error: null,
        status: 301,
        redirectLocation: 'https://example.com/',
      },
      {
        method: 'GET',
        url: 'https://example.com/',
        error: null,
        status: 301,
        redirectLocation: 'https://www.example.com',
      },
    ];
    const r = new HTTPResponse({
      status: 200,
      requestUrl: 'http://example.com',
      retries: new Retry({ history }),
    });
    expect(r.url).toBe('https://www.example.com');
  });
});
