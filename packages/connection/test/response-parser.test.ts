import { IncompleteRead, InvalidChunkLength, ProtocolError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import type { ParsedHead } from '../src/parse-head.ts';
import { DEFAULT_RESPONSE_LIMITS } from '../src/response-limits.ts';
import { type ParserSink, ResponseParser } from '../src/response-parser.ts';

interface Parsed {
  heads: Array<{ head: ParsedHead; hasBody: boolean }>;
  body: Buffer;
  complete: boolean;
  consumed: number;
}

function parse(
  method: string,
  pieces: Array<string | Buffer>,
  limits = DEFAULT_RESPONSE_LIMITS,
): Parsed {
  const result: Parsed = { heads: [], body: Buffer.alloc(0), complete: false, consumed: 0 };
  const chunks: Buffer[] = [];
  const sink: ParserSink = {
    onHead: (head, hasBody) => result.heads.push({ head, hasBody }),
    onBody: (chunk) => chunks.push(Buffer.from(chunk)),
    onComplete: () => {
      result.complete = true;
    },
  };
  const parser = new ResponseParser(limits);
  parser.start(method, sink);
  for (const piece of pieces) {
    const data = typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece;
    result.consumed += parser.execute(data);
  }
  result.body = Buffer.concat(chunks);
  return result;
}

/** Splits a string into every possible pair of pieces, to catch boundary bugs. */
function everySplit(text: string): Array<[string, string]> {
  const splits: Array<[string, string]> = [];
  for (let i = 0; i <= text.length; i++) splits.push([text.slice(0, i), text.slice(i)]);
  return splits;
}

describe('ResponseParser', () => {
  it('parses a Content-Length response split at every byte boundary', () => {
    const wire = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello';
    for (const [a, b] of everySplit(wire)) {
      const r = parse('GET', [a, b]);
      expect(r.complete).toBe(true);
      expect(r.body.toString()).toBe('hello');
      expect(r.heads[0]!.head.status).toBe(200);
      expect(r.heads[0]!.head.rawHeaders).toEqual(['Content-Length', '5', 'X-A', 'b']);
    }
  });

  it('parses chunked bodies with extensions and trailers at every boundary', () => {
    const wire =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n';
    for (const [a, b] of everySplit(wire)) {
      const r = parse('GET', [a, b]);
      expect(r.complete).toBe(true);
      expect(r.body.toString()).toBe('hello world');
      expect(r.consumed).toBe(wire.length);
    }
  });

  it('skips 1xx interim responses', () => {
    const r = parse('GET', [
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok',
    ]);
    expect(r.heads).toHaveLength(1);
    expect(r.heads[0]!.head.status).toBe(201);
    expect(r.body.toString()).toBe('ok');
  });

  it('gives HEAD, 204 and 304 responses no body even with Content-Length', () => {
    for (const [method, status] of [
      ['HEAD', 200],
      ['GET', 204],
      ['GET', 304],
    ] as const) {
      const r = parse(method, [`HTTP/1.1 ${status} X\r\nContent-Length: 10\r\n\r\n`]);
      expect(r.complete).toBe(true);
      expect(r.heads[0]!.hasBody).toBe(false);
      expect(r.body.length).toBe(0);
    }
  });

  it('reads close-delimited bodies until finish()', () => {
    const sinkBody: Buffer[] = [];
    let complete = false;
    const parser = new ResponseParser(DEFAULT_RESPONSE_LIMITS);
    parser.start('GET', {
      onHead: () => {},
      onBody: (c) => sinkBody.push(Buffer.from(c)),
      onComplete: () => {
        complete = true;
      },
    });
    parser.execute(Buffer.from('HTTP/1.0 200 OK\r\n\r\nabc'));
    parser.execute(Buffer.from('def'));
    expect(complete).toBe(false);
    parser.finish(true);
    expect(complete).toBe(true);
    expect(Buffer.concat(sinkBody).toString()).toBe('abcdef');
  });

  it('reports bytes left over after a complete response', () => {
    const r = parse('GET', ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA']);
    expect(r.consumed).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'.length);
  });

  it('decides keep-alive from version and Connection', () => {
    expect(
      parse('GET', ['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n']).heads[0]!.head.close,
    ).toBe(false);
    expect(
      parse('GET', ['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n']).heads[0]!
        .head.close,
    ).toBe(true);
    expect(
      parse('GET', ['HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n']).heads[0]!.head.close,
    ).toBe(true);
    expect(
      parse('GET', ['HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n'])
        .heads[0]!.head.close,
    ).toBe(false);
  });

  it('rejects garbage status lines, bad headers and conflicting lengths', () => {
    expect(() => parse('GET', ['SSH-2.0-OpenSSH\r\n\r\n'])).toThrow(ProtocolError);
    expect(() => parse('GET', ['HTTP/1.1 2000 OK\r\n\r\n'])).toThrow(
      /Invalid response status line/,
    );
    expect(() => parse('GET', ['HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n'])).toThrow(/header name/);
    expect(() => parse('GET', ['HTTP/1.1 200 OK\r\nno-colon\r\n\r\n'])).toThrow(/Malformed/);
    expect(() =>
      parse('GET', ['HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n']),
    ).toThrow(/multiple unmatching values/);
    expect(() => parse('GET', ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'])).toThrow(
      /Invalid Content-Length/,
    );
  });

  it('enforces head size and header count limits', () => {
    const limits = { ...DEFAULT_RESPONSE_LIMITS, maxHeadSize: 100, maxHeaders: 3 };
    expect(() => parse('GET', [`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(200)}`], limits)).toThrow(
      /exceeds 100 bytes/,
    );
    expect(() =>
      parse('GET', ['HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n'], limits),
    ).toThrow(/too many headers: 4 > 3/);
  });

  it('throws InvalidChunkLength for a bad chunk size', () => {
    const error = (() => {
      try {
        parse('GET', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n']);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(InvalidChunkLength);
    expect(String((error as Error).message)).toContain('zz');
    expect(String((error as Error).message)).toContain('5 bytes read');
  });

  it('throws IncompleteRead when the peer closes early', () => {
    const parser = new ResponseParser(DEFAULT_RESPONSE_LIMITS);
    parser.start('GET', { onHead: () => {}, onBody: () => {}, onComplete: () => {} });
    parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(() => parser.finish(true)).toThrow(IncompleteRead);
    expect(() => parser.finish(true)).toThrow('IncompleteRead(3 bytes read, 7 more expected)');
  });

  it('completes a short Content-Length body when enforcement is off', () => {
    const parser = new ResponseParser(DEFAULT_RESPONSE_LIMITS);
    let complete = false;
    parser.start('GET', {
      onHead: () => {},
      onBody: () => {},
      onComplete: () => {
        complete = true;
      },
    });
    parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    parser.finish(false);
    expect(complete).toBe(true);
  });

  it('reports a connection closed before any response byte', () => {
    const parser = new ResponseParser(DEFAULT_RESPONSE_LIMITS);
    parser.start('GET', { onHead: () => {}, onBody: () => {}, onComplete: () => {} });
    expect(() => parser.finish(true)).toThrow(/closed connection without response/);
  });
});
