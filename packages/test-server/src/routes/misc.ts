import type { Route } from '../types.ts';
import { queryArgs, sendBody, sendJson } from '../util.ts';

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (header === undefined) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * `/close`, `/early-hints`, `/response-headers?Name=value`, `/cookies`, `/cookies/set?name=value`,
 * `/basic-auth/:user/:pass`.
 */
export const miscRoutes: readonly Route[] = [
  {
    pattern: /^\/close$/,
    handler: ({ res }) => {
      res.shouldKeepAlive = false;
      sendJson(res, 200, { closing: true }, { Connection: 'close' });
    },
  },
  {
    // A 103 informational response before the final 200 (RFC 8297); clients must skip it.
    pattern: /^\/early-hints$/,
    handler: ({ res }) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' }, () =>
        sendJson(res, 200, { earlyHints: true }),
      );
    },
  },
  {
    pattern: /^\/response-headers$/,
    handler: ({ res, url }) => {
      const args = queryArgs(url);
      for (const [name, value] of Object.entries(args)) res.setHeader(name, value);
      sendJson(res, 200, args);
    },
  },
  {
    pattern: /^\/cookies$/,
    handler: ({ req, res }) => sendJson(res, 200, { cookies: parseCookies(req.headers.cookie) }),
  },
  {
    pattern: /^\/cookies\/set$/,
    handler: ({ res, url }) => {
      const cookies = [...url.searchParams].map(([name, value]) => `${name}=${value}; Path=/`);
      sendBody(res, 302, 'text/plain; charset=utf-8', 'redirecting to /cookies\n', {
        Location: '/cookies',
        'Set-Cookie': cookies,
      });
    },
  },
  {
    pattern: /^\/basic-auth\/([^/]+)\/([^/]+)$/,
    handler: ({ req, res }, [user, pass]) => {
      const credentials = `${decodeURIComponent(user!)}:${decodeURIComponent(pass!)}`;
      const expected = `Basic ${Buffer.from(credentials).toString('base64')}`;
      if (req.headers.authorization === expected) {
        sendJson(res, 200, { authenticated: true, user });
      } else {
        sendJson(
          res,
          401,
          { authenticated: false },
          { 'WWW-Authenticate': 'Basic realm="urlpool"' },
        );
      }
    },
  },
];
