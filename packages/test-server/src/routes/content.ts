import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { patternBytes } from '../patterns.ts';
import type { Route } from '../types.ts';
import { parseSize, sendBody, sendJson } from '../util.ts';

const ENCODERS: Record<string, ((input: Buffer) => Promise<Buffer>) | undefined> = {
  gzip: promisify(zlib.gzip),
  'x-gzip': promisify(zlib.gzip),
  deflate: promisify(zlib.deflate),
  'deflate-raw': promisify(zlib.deflateRaw),
  br: promisify(zlib.brotliCompress),
  identity: async (input) => input,
};

/** The sample document `/json` returns. */
export const SAMPLE_JSON: { readonly slideshow: Record<string, unknown> } = {
  slideshow: {
    author: 'urlpool',
    title: 'Sample Slide Show',
    slides: [
      { title: 'Wake up to urlpool', type: 'all' },
      { title: 'Pools', type: 'all', items: ['keep-alive', 'retries'] },
    ],
  },
};

/** The text `/text` returns: contains non-ASCII characters that latin1 can encode. */
export const SAMPLE_TEXT = 'Grüße aus Köln: naïve café, 10 € — no, latin1 has no euro.\n';

const LATIN1_TEXT = 'Grüße aus Köln: naïve café, déjà vu.\n';

/** `/json`, `/html`, `/text?charset=`, `/encoding/:codings?size=`. */
export const contentRoutes: readonly Route[] = [
  { pattern: /^\/json$/, handler: ({ res }) => sendJson(res, 200, SAMPLE_JSON) },
  {
    pattern: /^\/html$/,
    handler: ({ res }) =>
      sendBody(
        res,
        200,
        'text/html; charset=utf-8',
        '<!DOCTYPE html>\n<html><head><title>urlpool</title></head><body><h1>Grüße</h1></body></html>\n',
      ),
  },
  {
    pattern: /^\/text$/,
    handler: ({ res, url }) => {
      const charset = (url.searchParams.get('charset') ?? 'utf-8').toLowerCase();
      if (charset === 'latin1' || charset === 'iso-8859-1') {
        sendBody(res, 200, 'text/plain; charset=iso-8859-1', Buffer.from(LATIN1_TEXT, 'latin1'));
      } else {
        sendBody(res, 200, 'text/plain; charset=utf-8', SAMPLE_TEXT);
      }
    },
  },
  {
    // Codings are applied in list order, as Content-Encoding lists them (RFC 9110 8.4).
    pattern: /^\/encoding\/([^/]+)$/,
    handler: async ({ res, url }, [list]) => {
      const codings = decodeURIComponent(list!)
        .split(',')
        .map((c) => c.trim().toLowerCase())
        .filter((c) => c !== '');
      const unknown = codings.filter((c) => ENCODERS[c] === undefined);
      if (unknown.length > 0) {
        sendJson(res, 400, { error: `unsupported coding: ${unknown.join(', ')}` });
        return;
      }
      const size = parseSize(url.searchParams.get('size'), 1024);
      let body = patternBytes(size);
      for (const coding of codings) body = await ENCODERS[coding]!(body);
      sendBody(res, 200, 'text/plain; charset=utf-8', body, {
        // Raw deflate is sent labelled `deflate`, as misbehaving servers do in the wild.
        'Content-Encoding': codings.map((c) => (c === 'deflate-raw' ? 'deflate' : c)).join(', '),
        'X-Decoded-Length': size,
      });
    },
  },
];
