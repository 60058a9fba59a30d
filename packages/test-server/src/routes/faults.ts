import { patternBytes } from '../patterns.ts';
import type { Route } from '../types.ts';
import { intParam } from '../util.ts';

/**
 * `/disconnect` (drops the connection without a response), `/truncated?bytes=N` (promises
 * N+1024 bytes, sends N, then closes), `/truncated-chunked?bytes=N` (chunked body without its
 * last-chunk, then closes).
 */
export const faultRoutes: readonly Route[] = [
  {
    pattern: /^\/disconnect$/,
    handler: ({ req }) => {
      req.socket.destroy();
    },
  },
  {
    pattern: /^\/truncated$/,
    handler: ({ res, url }) => {
      const bytes = Math.max(0, intParam(url, 'bytes', 100));
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': bytes + 1024,
      });
      // end() on the socket (FIN), not destroy(): the client sees a clean close mid-body.
      res.write(patternBytes(bytes), () => res.socket?.end());
    },
  },
  {
    pattern: /^\/truncated-chunked$/,
    handler: ({ res, url }) => {
      const bytes = Math.max(0, intParam(url, 'bytes', 100));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.flushHeaders();
      const write = (): void => {
        res.socket?.end();
      };
      if (bytes > 0) res.write(patternBytes(bytes), write);
      else write();
    },
  },
];
