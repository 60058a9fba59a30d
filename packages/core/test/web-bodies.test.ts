import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  encodeMultipartFormdata,
  encodeRequest,
  MaxRetryError,
  type PreparedBody,
  prepareBody,
  Timeout,
  UnrewindableBodyError,
} from '../src/index.ts';

async function collect(body: PreparedBody): Promise<Buffer> {
  if (body.type === 'empty') return Buffer.alloc(0);
  if (body.type === 'bytes') return Buffer.from(body.data);
  const chunks: Buffer[] = [];
  for await (const chunk of body.open() as AsyncIterable<Uint8Array>)
    chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Parses a multipart body with the runtime's own parser (undici's Response.formData). */
async function parseMultipart(body: Buffer, contentType: string): Promise<FormData> {
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': contentType },
  }).formData();
}

describe('Blob bodies (issue 10, item 16)', () => {
  it('a Blob is a replayable stream of known length with its type as Content-Type', async () => {
    const body = prepareBody(new Blob(['hello ', 'blob'], { type: 'text/plain' }));
    expect(body.type).toBe('stream');
    if (body.type !== 'stream') return;
    expect(body.length).toBe(10);
    expect(body.replayable).toBe(true);
    expect(body.contentType).toBe('text/plain');
    expect((await collect(body)).toString()).toBe('hello blob');
    expect((await collect(body)).toString()).toBe('hello blob');
  });

  it('encodeRequest sends the Blob type unless the caller sets Content-Type', () => {
    const blob = new Blob(['x'], { type: 'image/png' });
    expect(encodeRequest('POST', 'http://h/', { body: blob }).headers?.get('content-type')).toBe(
      'image/png',
    );
    const own = encodeRequest('POST', 'http://h/', {
      body: blob,
      headers: { 'Content-Type': 'application/x-mine' },
    });
    expect(own.headers?.getlist('content-type')).toEqual(['application/x-mine']);
    expect(encodeRequest('POST', 'http://h/', { body: new Blob(['x']) }).headers).toBeUndefined();
  });
});

describe('FormData bodies (issue 10, item 16)', () => {
  it('is streamed as multipart with a known length, File names and types kept', async () => {
    const form = new FormData();
    form.append('name', 'välue');
    form.append('upload', new File(['file body'], 'a.txt', { type: 'text/plain' }));
    form.append('upload', new Blob([Buffer.from([0, 1, 2])]));
    const body = prepareBody(form);
    expect(body.type).toBe('stream');
    if (body.type !== 'stream') return;
    expect(body.replayable).toBe(true);
    expect(body.contentType).toMatch(/^multipart\/form-data; boundary=[0-9a-f]{32}$/);
    const bytes = await collect(body);
    expect(body.length).toBe(bytes.length);
    const parsed = await parseMultipart(bytes, body.contentType!);
    expect(parsed.get('name')).toBe('välue');
    const files = parsed.getAll('upload') as File[];
    expect(files.map((f) => [f.name, f.type])).toEqual([
      ['a.txt', 'text/plain'],
      ['blob', 'application/octet-stream'],
    ]);
    expect(await files[0]!.text()).toBe('file body');
    expect(Buffer.from(await files[1]!.arrayBuffer())).toEqual(Buffer.from([0, 1, 2]));
  });

  it('request() gives it the multipart Content-Type (a body without one was useless)', () => {
    const form = new FormData();
    form.append('a', 'b');
    const encoded = encodeRequest('POST', 'http://h/', { body: form });
    expect(encoded.headers?.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  });
});

describe('Blobs and streams as fields file values (issue 10, item 16)', () => {
  it('encodes Blob and File values and tuples, streaming them', async () => {
    const encoded = encodeRequest('POST', 'http://h/', {
      fields: {
        plain: 'v',
        file: new File(['F'], 'f.bin', { type: 'application/x-f' }),
        tuple: ['t.json', new Blob(['{}'])],
        typed: ['t.txt', new Blob(['T'], { type: 'text/x-t' })],
      },
      multipartBoundary: 'b0undary',
    });
    expect(encoded.headers?.get('content-type')).toBe('multipart/form-data; boundary=b0undary');
    const bytes = await collect(encoded.body);
    if (encoded.body.type === 'stream') {
      expect(encoded.body.length).toBe(bytes.length);
      expect(encoded.body.replayable).toBe(true);
    }
    const parsed = await parseMultipart(bytes, 'multipart/form-data; boundary=b0undary');
    expect(parsed.get('plain')).toBe('v');
    const file = parsed.get('file') as File;
    expect([file.name, file.type, await file.text()]).toEqual(['f.bin', 'application/x-f', 'F']);
    const tuple = parsed.get('tuple') as File;
    expect([tuple.name, tuple.type]).toEqual(['t.json', 'application/json']);
    expect((parsed.get('typed') as File).type).toBe('text/x-t');
  });

  it('a stream as file data is sent chunked, once', async () => {
    const encoded = encodeRequest('POST', 'http://h/', {
      fields: { upload: ['s.txt', Readable.from([Buffer.from('stream'), Buffer.from('ed')])] },
    });
    const body = encoded.body;
    expect(body.type).toBe('stream');
    if (body.type !== 'stream') return;
    expect(body.length).toBeNull();
    expect(body.replayable).toBe(false);
    const parsed = await parseMultipart(await collect(body), encoded.headers!.get('content-type')!);
    expect(await (parsed.get('upload') as File).text()).toBe('streamed');
    expect(() => body.open()).toThrow(UnrewindableBodyError);
  });

  it('the synchronous encodeMultipartFormdata says to use request() for Blobs', () => {
    expect(() => encodeMultipartFormdata({ f: ['a', new Blob(['x'])] })).toThrow(/request\(\)/);
  });

  it('GET fields refuse a Blob (files need multipart)', () => {
    expect(() => encodeRequest('GET', 'http://h/', { fields: { f: new Blob(['x']) } })).toThrow(
      /multipart/,
    );
  });
});

describe('plain timeout objects and URL objects (issue 10, item 16)', () => {
  it('Timeout.from takes { connect, read, total }', () => {
    const t = Timeout.from({ connect: 1000, read: 2000 });
    expect(t).toBeInstanceOf(Timeout);
    expect([t.connect, t.read, t.total]).toEqual([1000, 2000, undefined]);
    expect(() => Timeout.from({ conect: 1 } as never)).toThrow(/Unknown Timeout option 'conect'/);
  });

  it('encodeRequest takes a WHATWG URL', () => {
    const url = new URL('http://h/search');
    expect(encodeRequest('GET', url, { fields: { q: 'x' } }).url).toBe('http://h/search?q=x');
  });
});

describe('MaxRetryError names the pool (issue 10, item 14)', () => {
  it('prefixes the message with the pool, as urllib3', () => {
    const pool = { toString: () => "HTTPConnectionPool(host='127.0.0.1', port=18080)" };
    const error = new MaxRetryError(pool, '/status/503', null);
    expect(error.message).toBe(
      "HTTPConnectionPool(host='127.0.0.1', port=18080): Max retries exceeded with url: /status/503 (Caused by None)",
    );
    expect(error.url).toBe('/status/503');
  });
});
