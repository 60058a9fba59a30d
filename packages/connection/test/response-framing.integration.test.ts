import { IncompleteRead, InvalidChunkLength, InvalidHeader, ProtocolError } from '@urlpool/core';
import { serveBytes, serveBytesThenClose, startRawServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { openConnection, structuredRequest } from './connection-fixture.ts';

// Regression tests for issue 9 items 4–6, 8, 12, 13 and issue 10 item 12: response framing as
// strict as llhttp, over a real loopback socket with scripted bytes.

interface Exchange {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** lengthRemaining of the body as soon as the head arrived. */
  lengthRemaining: number | null;
  reusable: boolean;
}

/** Sends one request on a fresh connection; `close` makes the server close after answering. */
async function exchange(
  response: string,
  { close = false, method = 'GET' }: { close?: boolean; method?: string } = {},
): Promise<Exchange> {
  const raw = await startRawServer(close ? serveBytesThenClose(response) : serveBytes(response));
  const connection = await openConnection(raw.port);
  try {
    const head = await connection.send(structuredRequest({ method }));
    const lengthRemaining = head.body.lengthRemaining;
    const chunks: Buffer[] = [];
    for (let c = await head.body.next(); c !== null; c = await head.body.next()) chunks.push(c);
    return {
      status: head.status,
      body: Buffer.concat(chunks).toString('latin1'),
      headers: Object.fromEntries(head.headers.items()),
      lengthRemaining,
      reusable: connection.isReusable,
    };
  } finally {
    connection.close();
    await raw.close();
  }
}

const OK = 'HTTP/1.1 200 OK\r\n';

describe('response header values', () => {
  it('a bare LF in a header value is a ProtocolError, not a smuggled Set-Cookie', async () => {
    await expect(
      exchange(`${OK}X-A: a\nSet-Cookie: x=1\r\nContent-Length: 0\r\n\r\n`),
    ).rejects.toThrow(ProtocolError);
  });

  it('a bare CR in a header value is a ProtocolError (Transfer-Encoding:\\rchunked)', async () => {
    await expect(exchange(`${OK}Transfer-Encoding:\rchunked\r\n\r\n0\r\n\r\n`)).rejects.toThrow(
      /carriage return/,
    );
  });

  it('a control character in a header value is a ProtocolError', async () => {
    await expect(exchange(`${OK}X-A: a\x01b\r\nContent-Length: 0\r\n\r\n`)).rejects.toThrow(
      ProtocolError,
    );
  });

  it('only SP and HTAB are trimmed: obs-text and NBSP inside values are kept', async () => {
    const r = await exchange(`${OK}X-A: \t caf\xe9\xa0 \t\r\nContent-Length: 0\r\n\r\n`);
    expect(r.headers['X-A']).toBe('caf\xe9\xa0');
  });
});

describe('framing values', () => {
  it('Content-Length: 5<NBSP> is invalid, not 5 with the connection reused', async () => {
    await expect(exchange(`${OK}Content-Length: 5\xa0\r\n\r\nhello`)).rejects.toThrow(
      /Invalid Content-Length/,
    );
    await expect(exchange(`${OK}Content-Length: 5\v\r\n\r\nhello`)).rejects.toThrow(ProtocolError);
  });

  it('Content-Length surrounded by SP and HTAB is read', async () => {
    const r = await exchange(`${OK}Content-Length: \t5\t \r\n\r\nhello`);
    expect(r).toMatchObject({ body: 'hello', reusable: true });
  });

  it('Transfer-Encoding: chunked<NBSP> is not chunked: read until close, never reused', async () => {
    const wire = '5\r\nhello\r\n0\r\n\r\n';
    const r = await exchange(`${OK}Transfer-Encoding: chunked\xa0\r\n\r\n${wire}`, {
      close: true,
    });
    expect(r).toMatchObject({ body: wire, reusable: false });
  });

  it('Content-Length: 5, 42 is an InvalidHeader (urllib3)', async () => {
    await expect(exchange(`${OK}Content-Length: 5, 42\r\n\r\nhello`)).rejects.toBeInstanceOf(
      InvalidHeader,
    );
    await expect(
      exchange(`${OK}Content-Length: 5\r\nContent-Length: 42\r\n\r\nhello`),
    ).rejects.toBeInstanceOf(InvalidHeader);
  });

  it('Content-Length with chunked: de-chunked, lengthRemaining null, connection never reused', async () => {
    const r = await exchange(
      `${OK}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
    );
    expect(r).toMatchObject({ body: 'abc', lengthRemaining: null, reusable: false });
  });

  it('Transfer-Encoding: gzip with Content-Length: 2 is read until close, not by the length', async () => {
    const r = await exchange(`${OK}Transfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nabcdef`, {
      close: true,
    });
    expect(r).toMatchObject({ body: 'abcdef', reusable: false });
  });

  it('an empty Transfer-Encoding lists no coding: Content-Length frames the body (fuzz)', async () => {
    const r = await exchange(`${OK}Transfer-Encoding:\r\nContent-Length: 2\r\n\r\nok`);
    expect(r).toMatchObject({ body: 'ok', lengthRemaining: 2, reusable: true });
    const listed = await exchange(`${OK}Transfer-Encoding: chunked, \r\n\r\n2\r\nok\r\n0\r\n\r\n`);
    expect(listed).toMatchObject({ body: 'ok', reusable: true });
  });

  it('a Transfer-Encoding ending in chunked is chunked and reusable', async () => {
    const r = await exchange(`${OK}Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`);
    expect(r).toMatchObject({ body: 'abc', reusable: true });
  });
});

describe('status line', () => {
  it('a status of 000–099 is a ProtocolError, not an untyped TypeError', async () => {
    for (const status of ['000', '099', '042']) {
      await expect(exchange(`HTTP/1.1 ${status} X\r\nContent-Length: 0\r\n\r\n`)).rejects.toThrow(
        ProtocolError,
      );
    }
  });

  it('empty lines (even a bare LF) before the status line are skipped, as llhttp does (fuzz)', async () => {
    const r = await exchange(`\n\r\n${OK}Content-Length: 2\r\n\r\nok`);
    expect(r).toMatchObject({ status: 200, body: 'ok', reusable: true });
  });

  it('an unrequested 101 Switching Protocols is a ProtocolError', async () => {
    await expect(
      exchange('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'),
    ).rejects.toThrow(/Unexpected 101/);
  });
});

describe('chunk framing as strict as llhttp', () => {
  const chunked = (body: string) => `${OK}Transfer-Encoding: chunked\r\n\r\n${body}`;

  it.each([
    ['a leading space in the size', ' 5\r\nhello\r\n0\r\n\r\n'],
    ['a trailing space in the size', '5 \r\nhello\r\n0\r\n\r\n'],
  ])('%s is an InvalidChunkLength', async (_what, body) => {
    await expect(exchange(chunked(body))).rejects.toBeInstanceOf(InvalidChunkLength);
  });

  it.each([
    ['a bare CR in an extension', '5;a\rb\r\nhello\r\n0\r\n\r\n'],
    ['a NUL in an extension', '5;a\0\r\nhello\r\n0\r\n\r\n'],
    ['a space in an extension', '5; a\r\nhello\r\n0\r\n\r\n'],
    ['a bare LF after the size', '5\nhello\r\n0\r\n\r\n'],
    ['a bare LF after chunk data', '5\r\nhello\n0\r\n\r\n'],
    ['a trailer without a colon', '5\r\nhello\r\n0\r\nNoColon\r\n\r\n'],
    ['a trailer with a NUL', '5\r\nhello\r\n0\r\nX-T: a\0b\r\n\r\n'],
    ['a trailer ending in a bare LF', '5\r\nhello\r\n0\r\nX-T: a\n\r\n'],
  ])('%s is a ProtocolError', async (_what, body) => {
    await expect(exchange(chunked(body))).rejects.toBeInstanceOf(ProtocolError);
  });

  it('extensions llhttp accepts (token, quoted, empty value or name, ;;) and trailers pass', async () => {
    const r = await exchange(chunked('5;a=b;q="x y";e=\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n'));
    expect(r).toMatchObject({ body: 'hello', reusable: true });
  });

  it('a chunked body whose final CRLF is missing before the close is returned, never reused', async () => {
    const r = await exchange(chunked('5\r\nhello\r\n0\r\n'), { close: true });
    expect(r).toMatchObject({ body: 'hello', reusable: false });
    const withTrailer = await exchange(chunked('5\r\nhello\r\n0\r\nX-T: t\r\n'), { close: true });
    expect(withTrailer).toMatchObject({ body: 'hello', reusable: false });
  });

  it('a chunked body cut inside a chunk is still an IncompleteRead', async () => {
    await expect(exchange(chunked('5\r\nhel'), { close: true })).rejects.toBeInstanceOf(
      IncompleteRead,
    );
  });
});
