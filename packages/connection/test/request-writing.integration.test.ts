import { Readable } from 'node:stream';
import {
  DEFAULT_USER_AGENT,
  EMPTY_BODY,
  type PreparedBody,
  prepareBody,
  prepareHeaders,
  SKIP_HEADER,
} from '@urlpool/core';
import { type RawServer, serveBytes, startRawServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HTTPConnection } from '../src/index.ts';
import { openConnection, type RequestParts, structuredRequest } from './connection-fixture.ts';

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

async function send(
  method: string,
  body: PreparedBody,
  headers: Record<string, string> | undefined = undefined,
  chunked = false,
  parts: RequestParts = {},
): Promise<string> {
  const response = await connection.send(
    structuredRequest({
      method,
      body,
      chunked,
      authority: `127.0.0.1:${raw.port}`,
      ...(headers === undefined ? {} : { headers }),
      ...parts,
    }),
  );
  let chunk = await response.body.next();
  while (chunk !== null) chunk = await response.body.next();
  expect(response.status).toBe(200);
  return raw.requests.at(-1)!.toString('latin1');
}

describe('request writing over one keep-alive connection', () => {
  it('GET without body sends no framing headers, in urllib3 order', async () => {
    const sent = await send('GET', EMPTY_BODY);
    expect(sent).toBe(
      `GET /t HTTP/1.1\r\nHost: 127.0.0.1:${raw.port}\r\nAccept-Encoding: identity\r\nUser-Agent: ${DEFAULT_USER_AGENT}\r\n\r\n`,
    );
  });

  it('POST without body sends Content-Length: 0', async () => {
    expect(await send('POST', EMPTY_BODY)).toContain('Content-Length: 0\r\n');
  });

  it('string and Buffer bodies get Content-Length (UTF-8 byte length)', async () => {
    const s = await send('POST', prepareBody('héllo'));
    expect(s).toContain('Content-Length: 6\r\n');
    expect(Buffer.from(s, 'latin1').subarray(-6).toString('utf8')).toBe('héllo');
    const b = await send('PUT', prepareBody(Buffer.from([0, 1, 2, 255])));
    expect(b).toContain('Content-Length: 4\r\n');
  });

  it('streams and iterables are chunked', async () => {
    const sent = await send(
      'POST',
      prepareBody(Readable.from([Buffer.from('ab'), Buffer.from('cde')])),
    );
    expect(sent).toContain('Transfer-Encoding: chunked\r\n');
    expect(sent.endsWith('\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n')).toBe(true);
    const iterable = await send('POST', prepareBody([Buffer.from('xyz')]));
    expect(iterable.endsWith('3\r\nxyz\r\n0\r\n\r\n')).toBe(true);
  });

  it('chunked: true forces chunked framing for bytes', async () => {
    const sent = await send('POST', prepareBody('hello'), undefined, true);
    expect(sent).toContain('Transfer-Encoding: chunked\r\n');
    expect(sent).not.toContain('Content-Length');
    expect(sent.endsWith('5\r\nhello\r\n0\r\n\r\n')).toBe(true);
  });

  it("a caller's Content-Length decides framing and custom Host/User-Agent replace the defaults", async () => {
    const sent = await send('POST', prepareBody('abc'), {
      'Content-Length': '3',
      Host: 'example.test',
      'User-Agent': 'custom/1',
    });
    expect(sent.match(/Content-Length/g)).toHaveLength(1);
    expect(sent).toContain('Host: example.test\r\n');
    expect(sent).not.toContain(`127.0.0.1:${raw.port}`);
    expect(sent).toContain('User-Agent: custom/1\r\n');
    expect(sent).not.toContain(DEFAULT_USER_AGENT);
  });

  it('SKIP_HEADER omits Host, User-Agent and Accept-Encoding', async () => {
    const sent = await send('GET', EMPTY_BODY, {
      Host: SKIP_HEADER,
      'User-Agent': SKIP_HEADER,
      'Accept-Encoding': SKIP_HEADER,
    });
    expect(sent).toBe('GET /t HTTP/1.1\r\n\r\n');
    expect(() => prepareHeaders({ 'X-Other': SKIP_HEADER })).toThrow(
      /SKIP_HEADER was given for header "X-Other", but it only applies to/,
    );
  });

  it('writes an absolute-form target for a forwarding proxy, Host still the authority', async () => {
    const sent = await send('GET', EMPTY_BODY, undefined, false, {
      targetForm: 'absolute',
      authority: 'origin.test:8080',
    });
    expect(
      sent.startsWith('GET http://origin.test:8080/t HTTP/1.1\r\nHost: origin.test:8080\r\n'),
    ).toBe(true);
  });

  it('reused the same socket for every request', () => {
    expect(raw.totalConnections).toBe(1);
    expect(connection.requestCount).toBeGreaterThanOrEqual(8);
  });
});

describe("a connection's own headers (createHTTPConnectionFactory({ headers }))", () => {
  it('a Host among them replaces the default Host: one Host line', async () => {
    const own = await openConnection(raw.port, {
      headers: prepareHeaders({ Host: 'via-proxy.test', 'X-Own': '1' }),
    });
    try {
      const response = await own.send(structuredRequest({ authority: `127.0.0.1:${raw.port}` }));
      for (let c = await response.body.next(); c !== null; c = await response.body.next());
      const sent = raw.requests.at(-1)!.toString('latin1');
      expect(sent.match(/^Host:/gim)).toHaveLength(1);
      expect(sent).toContain('\r\nHost: via-proxy.test\r\n');
      expect(sent).toContain('\r\nX-Own: 1\r\n');
    } finally {
      own.close();
    }
  });

  it('without a Host among them, the default Host is sent', async () => {
    const own = await openConnection(raw.port, { headers: prepareHeaders({ 'X-Own': '1' }) });
    try {
      const response = await own.send(structuredRequest({ authority: `127.0.0.1:${raw.port}` }));
      for (let c = await response.body.next(); c !== null; c = await response.body.next());
      const sent = raw.requests.at(-1)!.toString('latin1');
      expect(sent.match(/^Host:/gim)).toHaveLength(1);
      expect(sent).toContain(`\r\nHost: 127.0.0.1:${raw.port}\r\n`);
    } finally {
      own.close();
    }
  });
});
