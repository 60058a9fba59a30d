import { createHash } from 'node:crypto';
import { request } from 'node:http';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  patternBytes,
  SAMPLE_JSON,
  SAMPLE_TEXT,
  seededBytes,
  startTestServer,
  type TestServer,
} from '../src/index.ts';
import { send } from './http-get.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('byte routes', () => {
  test('/bytes/:n is deterministic per seed with Content-Length', async () => {
    const a = await send(`${server.url}/bytes/1000?seed=7`);
    const b = await send(`${server.url}/bytes/1000?seed=7`);
    const c = await send(`${server.url}/bytes/1000?seed=8`);
    expect(a.headers['content-length']).toBe('1000');
    expect(a.body).toEqual(seededBytes(1000, 7));
    expect(b.body).toEqual(a.body);
    expect(c.body).not.toEqual(a.body);
  });

  test('/stream-bytes/:n is chunked', async () => {
    const res = await send(`${server.url}/stream-bytes/5000?chunk_size=1000&seed=3`);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.body).toEqual(seededBytes(5000, 3));
  });

  test('/large streams the pattern with Content-Length, or chunked', async () => {
    const sized = await send(`${server.url}/large?size=200001&chunk=1000`);
    expect(sized.headers['content-length']).toBe('200001');
    expect(sized.body).toEqual(patternBytes(200001));
    const chunked = await send(`${server.url}/large?size=3k&chunked=1`);
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
    expect(chunked.body).toEqual(patternBytes(3072));
  });

  test('/large streams 64 MiB with backpressure, hashed on the fly', async () => {
    const size = 64 * 1024 * 1024;
    const { bytes, digest } = await new Promise<{ bytes: number; digest: string }>(
      (resolve, reject) => {
        const req = request(`${server.url}/large?size=64m`, { agent: false }, (res) => {
          const hash = createHash('sha256');
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            hash.update(chunk);
          });
          res.on('end', () => resolve({ bytes, digest: hash.digest('hex') }));
        });
        req.on('error', reject);
        req.end();
      },
    );
    expect(bytes).toBe(size);
    const expected = createHash('sha256');
    const block = patternBytes(1024 * 1024); // 1 MiB is a multiple of the 64-byte period
    for (let i = 0; i < 64; i++) expected.update(block);
    expect(digest).toBe(expected.digest('hex'));
  });

  test('/drain counts and hashes an upload without buffering', async () => {
    const upload = seededBytes(300_000, 1);
    const res = await send(`${server.url}/drain`, { method: 'POST', body: upload });
    expect(res.json()).toEqual({
      bytes: upload.length,
      sha256: createHash('sha256').update(upload).digest('hex'),
    });
  });
});

describe('content routes', () => {
  test('/json, /html, /text', async () => {
    expect((await send(`${server.url}/json`)).json()).toEqual(SAMPLE_JSON);
    const html = await send(`${server.url}/html`);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body.toString()).toContain('<h1>Grüße</h1>');
    const text = await send(`${server.url}/text`);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body.toString('utf8')).toBe(SAMPLE_TEXT);
  });

  test('/text?charset=latin1 encodes latin1', async () => {
    const res = await send(`${server.url}/text?charset=latin1`);
    expect(res.headers['content-type']).toBe('text/plain; charset=iso-8859-1');
    expect(res.body.includes(Buffer.from([0xfc]))).toBe(true); // ü
    expect(res.body.toString('latin1')).toContain('Grüße');
  });

  test.each([
    ['gzip', zlib.gunzipSync],
    ['deflate', zlib.inflateSync],
    ['deflate-raw', zlib.inflateRawSync],
    ['br', zlib.brotliDecompressSync],
    ['identity', (b: Buffer) => b],
  ])('/encoding/%s', async (coding, decode) => {
    const res = await send(`${server.url}/encoding/${coding}?size=5000`);
    expect(res.headers['content-encoding']).toBe(coding === 'deflate-raw' ? 'deflate' : coding);
    expect(res.headers['x-decoded-length']).toBe('5000');
    expect(decode(res.body)).toEqual(patternBytes(5000));
  });

  test('/encoding stacks codings in list order', async () => {
    const res = await send(`${server.url}/encoding/gzip,br?size=2000`);
    expect(res.headers['content-encoding']).toBe('gzip, br');
    // Applied gzip first, then br: undo br first.
    expect(zlib.gunzipSync(zlib.brotliDecompressSync(res.body))).toEqual(patternBytes(2000));
    expect((await send(`${server.url}/encoding/zstd`)).status).toBe(400);
  });
});
