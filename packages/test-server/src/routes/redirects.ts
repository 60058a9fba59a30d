import type { Route } from '../types.ts';
import { intParam, sendBody, sendJson } from '../util.ts';

/** Statuses that must not carry a body (RFC 9110 section 15). */
function bodyless(status: number): boolean {
  return status === 204 || status === 304;
}

function redirect(
  res: Parameters<Route['handler']>[0]['res'],
  status: number,
  location: string,
): void {
  sendBody(res, status, 'text/plain; charset=utf-8', `redirecting to ${location}\n`, {
    Location: location,
  });
}

/**
 * `/status/:code`, `/redirect/:n`, `/relative-redirect/:n`, `/absolute-redirect/:n`,
 * `/redirect-to?url=&status_code=`, `/retry?key=&failures=&status=&retry_after=`.
 */
export const redirectRoutes: readonly Route[] = [
  {
    pattern: /^\/status\/(\d{3})$/,
    handler: ({ res }, [code]) => {
      const status = Number(code);
      if (status < 200) {
        // node:http cannot send a bare 1xx as the final response; /early-hints sends a 103.
        sendJson(res, 400, { error: 'use /early-hints for an informational response' });
      } else if (bodyless(status)) {
        res.writeHead(status);
        res.end();
      } else if (status >= 300 && status < 400) {
        redirect(res, status, '/get');
      } else {
        sendBody(res, status, 'text/plain; charset=utf-8', String(status));
      }
    },
  },
  {
    pattern: /^\/(?:relative-)?redirect\/(\d+)$/,
    handler: ({ res, url }, [n]) => {
      const left = Number(n);
      const status = intParam(url, 'status_code', 302);
      const query = url.search;
      if (left <= 1) redirect(res, status, '/get');
      else redirect(res, status, `${url.pathname.replace(/\d+$/, String(left - 1))}${query}`);
    },
  },
  {
    pattern: /^\/absolute-redirect\/(\d+)$/,
    handler: ({ res, url, state }, [n]) => {
      const left = Number(n);
      const status = intParam(url, 'status_code', 302);
      if (left <= 1) redirect(res, status, `${state.origin}/get`);
      else redirect(res, status, `${state.origin}/absolute-redirect/${left - 1}${url.search}`);
    },
  },
  {
    pattern: /^\/redirect-to$/,
    handler: ({ res, url }) => {
      const target = url.searchParams.get('url');
      if (target === null) {
        sendJson(res, 400, { error: 'redirect-to needs ?url=' });
        return;
      }
      redirect(res, intParam(url, 'status_code', 302), target);
    },
  },
  {
    pattern: /^\/retry$/,
    handler: ({ res, url, state }) => {
      const key = url.searchParams.get('key') ?? 'default';
      const failures = intParam(url, 'failures', 2);
      const status = intParam(url, 'status', 503);
      const retryAfter = url.searchParams.get('retry_after');
      const attempts = (state.retryAttempts.get(key) ?? 0) + 1;
      state.retryAttempts.set(key, attempts);
      if (attempts <= failures) {
        const headers: Record<string, string> = {};
        if (retryAfter !== null) headers['Retry-After'] = retryAfter;
        sendJson(res, status, { attempts, failing: true }, headers);
      } else {
        sendJson(res, 200, { attempts });
      }
    },
  },
];
