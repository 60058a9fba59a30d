import { readFileSync } from 'node:fs';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { sampleText } from './data.ts';

/** Compressors for each coding Node 20 can produce; zstd has a CLI-made fixture instead. */
export const ENCODE: Record<string, (data: Buffer) => Buffer> = {
  gzip: (data) => gzipSync(data),
  'x-gzip': (data) => gzipSync(data, { level: 1 }),
  deflate: (data) => deflateSync(data),
  'deflate-raw': (data) => deflateRawSync(data),
  br: (data) => brotliCompressSync(data),
};

/** The coding name a server sends for each {@link ENCODE} key. */
export const CODING: Record<string, string> = {
  gzip: 'gzip',
  'x-gzip': 'x-gzip',
  deflate: 'deflate',
  'deflate-raw': 'deflate',
  br: 'br',
};

/** The CLI-made zstd fixture `large.zst` and the text it holds. */
export const ZSTD_FIXTURE: { body: Buffer; text: Buffer } = {
  body: readFileSync(new URL('../fixtures/large.zst', import.meta.url)),
  text: sampleText(300_000, 2),
};
