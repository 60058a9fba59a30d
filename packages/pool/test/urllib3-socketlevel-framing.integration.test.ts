// Ported from urllib3's test/with_dummyserver/test_chunked_transfer.py (chunked uploads: the
// framing of each chunk, empty chunks, Host rules, chunked kept on retry and redirect) and the
// TestContentFraming class of test/with_dummyserver/test_socketlevel.py (when a request body
// is sent with Content-Length, when chunked, and a caller's framing header). Raw servers on
// 127.0.0.1, requests through HTTPConnectionPool.
import { Readable } from 'node:stream';
import { ContentLengthMismatchError, Retry } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, headOf, LONG_TIMEOUT, poolFor, rawServer } from './helpers/socketlevel-fixture.ts';

/** A server that takes one request and answers an empty 200 (start_chunked_handler). */
async function recordingServer() {
  return rawServer(async (conn) => {
    await conn.readRequest();
    await conn.end('HTTP/1.1 200 OK\r\nContent-type: text/plain\r\nContent-Length: 0\r\n\r\n');
  });
}

const CHUNKS = ['foo', 'bar', '', 'bazzzzzzzzzzzzzzzzzzzzzz'];

describe('urllib3 test_chunked_transfer', () => {
  it('each chunk is framed with its hex length; empty chunks are skipped (test_chunks)', async () => {
    const raw = await recordingServer();
    await poolFor(raw, { retries: false }).urlopen('GET', '/', {
      body: CHUNKS.map((c) => Buffer.from(c)),
      headers: { DNT: '1' },
      chunked: true,
    });
    const request = raw.requests[0]!;
    expect(headOf(request)).toContain('Transfer-Encoding: chunked\r\n');
    const lines = bodyOf(request).split('\r\n');
    CHUNKS.filter((c) => c !== '').forEach((chunk, i) => {
      expect(lines[i * 2]).toBe(chunk.length.toString(16));
      expect(lines[i * 2 + 1]).toBe(chunk);
    });
    expect(bodyOf(request).endsWith('\r\n0\r\n\r\n')).toBe(true);
  });

  it('an array of strings is sent as UTF-8 chunks, empty ones skipped (test_chunks, list of str)', async () => {
    const raw = await recordingServer();
    await poolFor(raw, { retries: false }).urlopen('GET', '/', {
      body: CHUNKS,
      chunked: true,
    });
    expect(bodyOf(raw.requests[0]!)).toBe(
      '3\r\nfoo\r\n3\r\nbar\r\n18\r\nbazzzzzzzzzzzzzzzzzzzzzz\r\n0\r\n\r\n',
    );
  });

  it('string chunks of a text stream are framed by their UTF-8 length (test_chunks, str chunks)', async () => {
    const raw = await recordingServer();
    await poolFor(raw, { retries: false }).urlopen('GET', '/', {
      body: Readable.from(['foo', '', 'äöüß']),
      chunked: true,
    });
    expect(bodyOf(raw.requests[0]!)).toBe(
      `3\r\nfoo\r\n8\r\n${Buffer.from('äöüß').toString('latin1')}\r\n0\r\n\r\n`,
    );
  });

  it.each([
    ['a byte string', Buffer.from('thisshouldbeonechunk\r\nasdf'), 'test_bytestring_body'],
    ['a unicode string', 'thisshouldbeonechunk\r\näöüß', 'test_unicode_body'],
  ])(
    '%s with chunked: true goes out as one chunk of its UTF-8 length (%s)',
    async (_, data, _name) => {
      const raw = await recordingServer();
      await poolFor(raw, { retries: false }).urlopen('GET', '/', { body: data, chunked: true });
      const request = raw.requests[0]!;
      const head = headOf(request);
      expect(head.split('\r\n')).toContain('Transfer-Encoding: chunked');
      const bytes = Buffer.from(data);
      const body = request.subarray(head.length);
      expect(body.includes(Buffer.concat([Buffer.from('\r\n'), bytes, Buffer.from('\r\n')]))).toBe(
        true,
      );
      expect(body.toString('latin1').endsWith('\r\n0\r\n\r\n')).toBe(true);
      const sizeLine = body.toString('latin1').split('\r\n', 1)[0]!;
      expect(Number.parseInt(sizeLine, 16)).toBe(bytes.length);
    },
  );

  it.each([
    ['no body', undefined, 'test_empty_body'],
    ['an empty string', '', 'test_empty_string_body'],
    ['an empty iterable', [] as Buffer[], 'test_empty_iterable_body'],
  ])('%s with chunked: true is just the last chunk (%s)', async (_, body, _name) => {
    const raw = await recordingServer();
    await poolFor(raw, { retries: false }).urlopen('GET', '/', {
      ...(body === undefined ? {} : { body }),
      chunked: true,
    });
    const request = raw.requests[0]!;
    expect(headOf(request).split('\r\n')).toContain('Transfer-Encoding: chunked');
    expect(bodyOf(request)).toBe('0\r\n\r\n');
  });

  it.each([
    [{ Host: 'test.org' }, 'test_removes_duplicate_host_header'],
    [{}, 'test_provides_default_host_header'],
  ])('a chunked request carries exactly one Host (%j, %s)', async (headers, _name) => {
    const raw = await recordingServer();
    await poolFor(raw, { retries: false }).urlopen('GET', '/', {
      body: CHUNKS.map((c) => Buffer.from(c)),
      headers,
      chunked: true,
    });
    const lines = headOf(raw.requests[0]!).toLowerCase().split('\r\n').slice(1);
    expect(lines.filter((line) => line.startsWith('host'))).toHaveLength(1);
  });

  it('a status retry sends chunked again (test_preserve_chunked_on_retry)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.end('HTTP/1.1 404 Not Found\r\n\r\n');
    });
    const retries = new Retry({ total: 1, raiseOnStatus: false, statusForcelist: [404] });
    const r = await poolFor(raw).urlopen('GET', '/', {
      chunked: true,
      preloadContent: false,
      retries,
    });
    r.close();
    const chunked = raw.requests.filter((req) =>
      headOf(req).split('\r\n').includes('Transfer-Encoding: chunked'),
    );
    expect(chunked).toHaveLength(2);
  });

  it('a redirect sends chunked again (test_preserve_chunked_on_redirect)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.end(
        conn.id === 1
          ? 'HTTP/1.1 301 Moved Permanently\r\nLocation: /redirect\r\n\r\n'
          : 'HTTP/1.1 200 OK\r\n\r\n',
      );
    });
    const r = await poolFor(raw).urlopen('GET', '/', {
      chunked: true,
      preloadContent: false,
      retries: new Retry({ redirect: 1 }),
    });
    expect(r.status).toBe(200);
    r.close();
    const chunked = raw.requests.filter((req) =>
      headOf(req).split('\r\n').includes('Transfer-Encoding: chunked'),
    );
    expect(chunked).toHaveLength(2);
  });
});

const METHODS = ['POST', 'PUT', 'PATCH'] as const;
const CHUNKED_X10 = '\r\n\r\na\r\nxxxxxxxxxx\r\n0\r\n\r\n';

/** Bodies of ten 'x', as urllib3's body types. */
const BODY_TYPES = {
  // io.BytesIO: a stream of unknown length.
  file: () => Readable.from([Buffer.alloc(10, 'x')]),
  // io.StringIO: a stream of strings.
  file_text: () => Readable.from(['x'.repeat(10)]),
  generator: () =>
    (function* () {
      yield Buffer.alloc(10, 'x');
    })(),
  bytes: () => Buffer.alloc(10, 'x'),
  bytearray: () => new Uint8Array(Buffer.alloc(10, 'x')),
} as const;

describe('urllib3 test_socketlevel: TestContentFraming', () => {
  it.each(METHODS)(
    '%s without a body sends Content-Length: 0 and no Transfer-Encoding (test_content_length_0_by_default)',
    async (method) => {
      const raw = await recordingServer();
      const r = await poolFor(raw, { timeout: 3000 }).request(method, '/');
      expect(r.status).toBe(200);
      const sent = raw.requests[0]!.toString('latin1');
      expect(sent).toContain('Accept-Encoding: identity\r\n');
      expect(sent).toContain('Content-Length: 0\r\n');
      expect(sent.toLowerCase()).not.toContain('transfer-encoding');
    },
  );

  const SPECIFIED = METHODS.flatMap((method) =>
    [true, false].flatMap((chunked) =>
      (['file', 'generator', 'bytes'] as const)
        // urllib3 sends bytes without chunked: true with a Content-Length (case skipped there).
        .filter((bodyType) => chunked || bodyType !== 'bytes')
        .map((bodyType) => ({ method, chunked, bodyType })),
    ),
  );

  it.each(SPECIFIED)(
    '$method with chunked: $chunked and a $bodyType body is chunk-framed (test_chunked_specified)',
    async ({ method, chunked, bodyType }) => {
      const raw = await recordingServer();
      const r = await poolFor(raw, { timeout: LONG_TIMEOUT, retries: false }).request(method, '/', {
        chunked,
        body: BODY_TYPES[bodyType](),
      });
      expect(r.status).toBe(200);
      const sent = raw.requests[0]!.toString('latin1');
      // Host (with its port's colon), Accept-Encoding, Transfer-Encoding, User-Agent.
      expect(headOf(raw.requests[0]!).split(':').length - 1).toBe(5);
      expect(sent).toContain(`Host: 127.0.0.1:${raw.port}\r\n`);
      expect(sent).toContain('Accept-Encoding: identity\r\n');
      expect(sent).toContain('Transfer-Encoding: chunked\r\n');
      expect(sent).toContain('User-Agent: urlpool/');
      expect(sent.toLowerCase()).not.toContain('content-length');
      expect(sent).toContain(CHUNKED_X10);
    },
  );

  const NOT_SPECIFIED = METHODS.flatMap((method) =>
    (Object.keys(BODY_TYPES) as Array<keyof typeof BODY_TYPES>).map((bodyType) => ({
      method,
      bodyType,
      chunked: bodyType === 'file' || bodyType === 'file_text' || bodyType === 'generator',
    })),
  );

  it.each(NOT_SPECIFIED)(
    '$method with a $bodyType body: chunked $chunked, else Content-Length (test_chunked_not_specified)',
    async ({ method, bodyType, chunked }) => {
      const raw = await recordingServer();
      const r = await poolFor(raw, { timeout: LONG_TIMEOUT, retries: false }).request(method, '/', {
        body: BODY_TYPES[bodyType](),
      });
      expect(r.status).toBe(200);
      const sent = raw.requests[0]!.toString('latin1');
      expect(headOf(raw.requests[0]!).split(':').length - 1).toBe(5);
      expect(sent).toContain(`Host: 127.0.0.1:${raw.port}\r\n`);
      expect(sent).toContain('Accept-Encoding: identity\r\n');
      expect(sent).toContain('User-Agent: urlpool/');
      if (chunked) {
        expect(sent.toLowerCase()).not.toContain('content-length');
        expect(sent).toContain('Transfer-Encoding: chunked\r\n');
        expect(sent).toContain(CHUNKED_X10);
      } else {
        expect(sent).toContain('Content-Length: 10\r\n');
        expect(sent.toLowerCase()).not.toContain('transfer-encoding');
        expect(sent.endsWith('\r\n\r\nxxxxxxxxxx')).toBe(true);
      }
    },
  );

  const TRANSFORMS = {
    lower: (s: string) => s.toLowerCase(),
    title: (s: string) =>
      s.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()),
    upper: (s: string) => s.toUpperCase(),
  } as const;
  const FRAMING = (Object.keys(TRANSFORMS) as Array<keyof typeof TRANSFORMS>).flatMap(
    (transform) => [
      // urllib3 sends 'Content-Length: 10' with an 8-byte body as told; api.md makes a body that
      // does not match the caller's Content-Length a ContentLengthMismatchError (below), so the
      // matching length is what goes through here.
      { transform, header: 'content-length', value: '8', expected: ': 8\r\n\r\nxxxxxxxx' },
      {
        transform,
        header: 'transfer-encoding',
        value: 'chunked',
        expected: ': chunked\r\n\r\n8\r\nxxxxxxxx\r\n0\r\n\r\n',
      },
    ],
  );

  it.each(FRAMING)(
    'a caller’s $header ($transform case) decides the framing (test_framing_set_via_headers)',
    async ({ transform, header, value, expected }) => {
      const raw = await recordingServer();
      const r = await poolFor(raw, { timeout: LONG_TIMEOUT, retries: false }).request('POST', '/', {
        body: 'xxxxxxxx',
        headers: { [TRANSFORMS[transform](header)]: value },
      });
      expect(r.status).toBe(200);
      const sent = raw.requests[0]!.toString('latin1');
      expect(sent.endsWith(expected)).toBe(true);
      expect(sent).toContain(
        `${TRANSFORMS[transform](header)}${expected.slice(0, expected.indexOf('\r\n'))}\r\n`,
      );
    },
  );

  it('a caller’s Content-Length that the body does not match is refused before sending (test_framing_set_via_headers, content-length 10)', async () => {
    const raw = await recordingServer();
    await expect(
      poolFor(raw, { timeout: LONG_TIMEOUT, retries: false }).request('POST', '/', {
        body: 'xxxxxxxx',
        headers: { 'content-length': '10' },
      }),
    ).rejects.toBeInstanceOf(ContentLengthMismatchError);
    expect(raw.requests).toHaveLength(0);
  });
});
