// Ported from urllib3's test/test_connection.py: what maps to urlpool's HTTP/1.1 connection,
// the request head (test_skip_header). The rest of that file is TLS hostname matching
// (tls-config's checks, tested there), proxy error wrapping (proxy-http), socket option
// defaults and http.client internals (getresponse before request, _url_from_connection),
// which have no equivalent on HTTPConnection.
import { DEFAULT_USER_AGENT, EMPTY_BODY, SKIP_HEADER } from '@urlpool/core';
import { type RawServer, serveBytes, startRawServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HTTPConnection } from '../src/index.ts';
import { openConnection, structuredRequest } from './connection-fixture.ts';

let raw: RawServer;
let connection: HTTPConnection;

beforeAll(async () => {
  raw = await startRawServer(serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
  connection = await openConnection(raw.port);
});
afterAll(async () => {
  connection.close();
  await raw.close();
});

/** Sends a GET with `headers` on the shared keep-alive connection; returns the head sent. */
async function sentHead(headers: Record<string, string>, chunked: boolean): Promise<string> {
  const response = await connection.send(
    structuredRequest({ headers, chunked, body: EMPTY_BODY, authority: `127.0.0.1:${raw.port}` }),
  );
  for (let c = await response.body.next(); c !== null; c = await response.body.next());
  const sent = raw.requests.at(-1)!.toString('latin1');
  return sent.slice(0, sent.indexOf('\r\n\r\n') + 2);
}

/** The header names of a request head, lowercased. */
function names(head: string): string[] {
  return head
    .split('\r\n')
    .slice(1, -1)
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}

// Each default header given as SKIP_HEADER under its own spelling, lowercased, or not at all.
const SPELLINGS = {
  'accept-encoding': ['Accept-Encoding', 'accept-encoding', null],
  host: ['Host', 'host', null],
  'user-agent': ['User-Agent', 'user-agent', null],
} as const;

const CASES = SPELLINGS['accept-encoding'].flatMap((acceptEncoding) =>
  SPELLINGS.host.flatMap((host) =>
    SPELLINGS['user-agent'].flatMap((userAgent) =>
      [true, false].map((chunked) => ({ acceptEncoding, host, userAgent, chunked })),
    ),
  ),
);

describe('urllib3 test_connection: test_skip_header', () => {
  it.each(CASES)(
    'SKIP_HEADER as $acceptEncoding / $host / $userAgent (chunked $chunked) omits exactly those',
    async ({ acceptEncoding, host, userAgent, chunked }) => {
      const headers: Record<string, string> = {};
      for (const name of [acceptEncoding, host, userAgent]) {
        if (name !== null) headers[name] = SKIP_HEADER;
      }
      const head = await sentHead(headers, chunked);
      const sent = names(head);
      expect(sent.includes('accept-encoding')).toBe(acceptEncoding === null);
      expect(sent.includes('host')).toBe(host === null);
      expect(sent.includes('user-agent')).toBe(userAgent === null);
      expect(head).not.toContain(SKIP_HEADER);
      if (userAgent === null) expect(head).toContain(`User-Agent: ${DEFAULT_USER_AGENT}\r\n`);
      if (chunked) expect(head).toContain('Transfer-Encoding: chunked\r\n');
    },
  );

  it('reused one connection for every case', () => {
    expect(raw.totalConnections).toBe(1);
  });
});
