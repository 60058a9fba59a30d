import { patternBytes } from '../patterns.ts';
import type { Route } from '../types.ts';
import { intParam, sendJson, waitUnlessClosed } from '../util.ts';

/** `/delay/:ms`, `/slow?delay_ms=`, `/stall-body?bytes=`, `/drip?numbytes=&duration=&delay=`. */
export const timingRoutes: readonly Route[] = [
  {
    // Waits before sending anything (response-header timeouts).
    pattern: /^\/delay\/(\d+)$/,
    handler: async ({ res }, [ms]) => {
      if (!(await waitUnlessClosed(res, Number(ms)))) return;
      sendJson(res, 200, { delayedMs: Number(ms) });
    },
  },
  {
    // Headers at once, body after delay_ms (read timeouts between body chunks).
    pattern: /^\/slow$/,
    handler: async ({ res, url }) => {
      const delay = intParam(url, 'delay_ms', 1000);
      const body = Buffer.from(JSON.stringify({ delayedMs: delay }), 'utf8');
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.flushHeaders();
      if (!(await waitUnlessClosed(res, delay))) return;
      res.end(body);
    },
  },
  {
    // Headers plus `bytes` body bytes of a larger Content-Length, then silence until closed.
    pattern: /^\/stall-body$/,
    handler: ({ res, url }) => {
      const bytes = intParam(url, 'bytes', 0);
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': bytes + 1024,
      });
      res.flushHeaders();
      if (bytes > 0) res.write(patternBytes(bytes));
    },
  },
  {
    // numbytes single bytes spread over duration ms after delay ms (all in milliseconds).
    pattern: /^\/drip$/,
    handler: async ({ res, url }) => {
      const numbytes = Math.max(0, intParam(url, 'numbytes', 10));
      const duration = Math.max(0, intParam(url, 'duration', 1000));
      const delay = Math.max(0, intParam(url, 'delay', 0));
      const status = intParam(url, 'code', 200);
      if (delay > 0 && !(await waitUnlessClosed(res, delay))) return;
      res.writeHead(status, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': numbytes,
      });
      res.flushHeaders();
      const pause = numbytes > 0 ? duration / numbytes : 0;
      for (let i = 0; i < numbytes; i++) {
        if (pause > 0 && !(await waitUnlessClosed(res, pause))) return;
        res.write('*');
      }
      res.end();
    },
  },
];
