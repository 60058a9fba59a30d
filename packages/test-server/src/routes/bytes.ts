import { createHash } from 'node:crypto';
import { patternBlock, patternSlice, seededBytes } from '../patterns.ts';
import type { Route } from '../types.ts';
import { intParam, parseSize, sendBody, sendJson, waitForDrain } from '../util.ts';

/** Largest body `/bytes` and `/stream-bytes` build in memory (they are not for huge bodies). */
const MAX_IN_MEMORY = 64 * 1024 * 1024;

/**
 * `/bytes/:n?seed=`, `/stream-bytes/:n?chunk_size=&seed=`, `/large?size=&chunk=&chunked=1`,
 * `/drain` (counts and hashes an uploaded body without buffering it).
 */
export const bytesRoutes: readonly Route[] = [
  {
    pattern: /^\/bytes\/(\d+)$/,
    handler: ({ res, url }, [n]) => {
      const size = Math.min(Number(n), MAX_IN_MEMORY);
      sendBody(res, 200, 'application/octet-stream', seededBytes(size, intParam(url, 'seed', 0)));
    },
  },
  {
    pattern: /^\/stream-bytes\/(\d+)$/,
    handler: async ({ res, url }, [n]) => {
      const size = Math.min(Number(n), MAX_IN_MEMORY);
      const chunkSize = Math.max(1, intParam(url, 'chunk_size', 10 * 1024));
      const bytes = seededBytes(size, intParam(url, 'seed', 0));
      // No Content-Length: node:http uses chunked transfer coding for HTTP/1.1 clients.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      for (let at = 0; at < size; at += chunkSize) {
        if (!res.write(bytes.subarray(at, at + chunkSize)) && !(await waitForDrain(res))) return;
      }
      res.end();
    },
  },
  {
    pattern: /^\/large$/,
    handler: async ({ res, url }) => {
      const size = parseSize(url.searchParams.get('size'), 1024 * 1024);
      const chunk = Math.max(1, parseSize(url.searchParams.get('chunk'), 64 * 1024));
      const chunked = url.searchParams.get('chunked') === '1';
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/octet-stream',
      };
      if (!chunked) headers['Content-Length'] = size;
      res.writeHead(200, headers);
      // One block for the whole response: every chunk is a slice of it (no per-chunk allocation).
      const block = patternBlock(chunk);
      let sent = 0;
      while (sent < size) {
        if (res.destroyed) return;
        const length = Math.min(chunk, size - sent);
        const ok = res.write(patternSlice(block, sent, length));
        sent += length;
        if (!ok && !(await waitForDrain(res))) return;
      }
      res.end();
    },
  },
  {
    pattern: /^\/drain$/,
    streamsBody: true,
    handler: async ({ req, res }) => {
      const hash = createHash('sha256');
      let bytes = 0;
      try {
        for await (const chunk of req as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          hash.update(chunk);
        }
      } catch {
        return;
      }
      sendJson(res, 200, { bytes, sha256: hash.digest('hex') });
    },
  },
];
