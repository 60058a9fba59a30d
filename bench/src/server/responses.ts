/**
 * Every response the bench server sends, built once at startup so that serving a request costs
 * one `socket.write` of a prebuilt Buffer (the server must be cheaper than any client).
 */
import { gzipSync } from 'node:zlib';
import {
  BIG_BYTES,
  GZIP_DECODED_BYTES,
  POST_BODY_BYTES,
  SMALL_BYTES,
  UPLOAD_BYTES,
} from '../sizes.ts';

/** Prebuilt responses by path. */
export interface Responses {
  small: Buffer;
  /** `/small` with `Connection: close` (the server closes after writing it). */
  close: Buffer;
  post: Buffer;
  upload: Buffer;
  postBad: Buffer;
  gzip: Buffer;
  notFound: Buffer;
  notImplemented: Buffer;
  /** Head of the /big response; the body is written from `bigBody` in slices. */
  bigHead: Buffer;
  bigBody: Buffer;
}

function response(status: string, body: Buffer, extra = '', close = false): Buffer {
  const head =
    `HTTP/1.1 ${status}\r\n` +
    'Content-Type: text/plain\r\n' +
    extra +
    `Content-Length: ${body.length}\r\n` +
    (close ? 'Connection: close\r\n' : 'Keep-Alive: timeout=60\r\n') +
    '\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** Deterministic PRNG (mulberry32) so every run serves the same bytes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'request response pool connection socket header body stream retry timeout proxy redirect ' +
  'gzip deflate brotli chunk buffer client server origin host port path query status ok error ' +
  'warning manager agent keep alive close read write drain decode encode json text bytes'
).split(' ');

/**
 * About 1 MiB of JSON-lines log text: repetitive like real API/log payloads (gzip ratio ~4-6x),
 * but not a single repeated byte (which would compress ~1000x and measure nothing).
 */
export function compressibleText(size: number): Buffer {
  const rnd = prng(42);
  const parts: string[] = [];
  let length = 0;
  let id = 0;
  while (length < size) {
    const words: string[] = [];
    const n = 3 + Math.floor(rnd() * 8);
    for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rnd() * WORDS.length)]);
    const line =
      `{"id":${id++},"ts":${1700000000000 + Math.floor(rnd() * 1e9)},` +
      `"level":"${rnd() < 0.8 ? 'info' : 'warn'}","latencyMs":${(rnd() * 250).toFixed(3)},` +
      `"msg":"${words.join(' ')}"}\n`;
    parts.push(line);
    length += line.length;
  }
  return Buffer.from(parts.join(''), 'latin1').subarray(0, size);
}

/** Builds every prebuilt response. */
export function buildResponses(): Responses {
  const small = Buffer.alloc(SMALL_BYTES, 'a');
  const text = compressibleText(GZIP_DECODED_BYTES);
  const bigBody = Buffer.allocUnsafe(BIG_BYTES);
  // Fill with something other than zeroes; content does not matter for a counting client.
  for (let i = 0; i < BIG_BYTES; i += text.length) text.copy(bigBody, i);
  return {
    small: response('200 OK', small),
    close: response('200 OK', small, '', true),
    post: response('200 OK', Buffer.from(`{"received":${POST_BODY_BYTES}}`)),
    upload: response('200 OK', Buffer.from(`{"received":${UPLOAD_BYTES}}`)),
    postBad: response('400 Bad Request', Buffer.from('wrong body length')),
    gzip: response('200 OK', gzipSync(text, { level: 6 }), 'Content-Encoding: gzip\r\n'),
    notFound: response('404 Not Found', Buffer.from('not found')),
    notImplemented: response(
      '501 Not Implemented',
      Buffer.from('bench server only supports Content-Length request bodies'),
      '',
      true,
    ),
    bigHead: Buffer.from(
      'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n' +
        `Content-Length: ${BIG_BYTES}\r\nKeep-Alive: timeout=60\r\n\r\n`,
      'latin1',
    ),
    bigBody,
  };
}
