import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createTcpConnector } from '@urlpool/connection';
import {
  type Connector,
  NewConnectionError,
  type RequestBody,
  Retry,
  UnrewindableBodyError,
} from '@urlpool/core';
import {
  type RawServer,
  startRawServer,
  startTestServer,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { rejection } from './helpers/rejection.ts';

let server: TestServer;
let dir: string;
const pools: HTTPConnectionPool[] = [];

/** The body of a raw HTTP/1.1 request (Content-Length or chunked framing). */
function requestBody(request: Buffer): string {
  const text = request.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split).toLowerCase();
  const rest = text.slice(split + 4);
  if (!head.includes('transfer-encoding: chunked')) return rest;
  let out = '';
  let pos = 0;
  for (;;) {
    const eol = rest.indexOf('\r\n', pos);
    const size = Number.parseInt(rest.slice(pos, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    pos = eol + 2 + size + 2;
  }
}

/**
 * A server whose first connection is reset after the whole request arrived; later connections
 * answer 200 with the request body echoed back.
 */
function flakyServer(): Promise<RawServer> {
  return startRawServer(async (conn) => {
    const request = await conn.readRequest();
    if (conn.id === 1) {
      conn.destroy();
      return;
    }
    const body = requestBody(request);
    await conn.end(
      `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Retries a POST after a reset: read errors are retried only for allowed methods. */
const RETRY_POST = new Retry({ total: 2, allowedMethods: ['POST'] });

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(join(tmpdir(), 'urlpool-replay-'));
});
afterEach(() => {
  for (const p of pools.splice(0)) p.close();
  server.resetStats();
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function postToFlaky(body: RequestBody): Promise<{ text: string; requests: string[] }> {
  const raw = await flakyServer();
  try {
    const p = new HTTPConnectionPool('127.0.0.1', { port: raw.port });
    pools.push(p);
    const r = await p.request('POST', '/upload', { body, retries: RETRY_POST });
    return { text: r.data.toString('latin1'), requests: raw.requests.map(requestBody) };
  } finally {
    for (const p of pools.splice(0)) p.close();
    await raw.close();
  }
}

describe('replayable bodies on retry', () => {
  it('re-sends a string body', async () => {
    const { text, requests } = await postToFlaky('string body');
    expect(text).toBe('string body');
    expect(requests).toEqual(['string body', 'string body']);
  });

  it('re-sends a Buffer body', async () => {
    const { text, requests } = await postToFlaky(Buffer.from('buffer body'));
    expect(text).toBe('buffer body');
    expect(requests).toEqual(['buffer body', 'buffer body']);
  });

  it('re-sends an array of chunks', async () => {
    const { text } = await postToFlaky([Buffer.from('chunk-1,'), Buffer.from('chunk-2')]);
    expect(text).toBe('chunk-1,chunk-2');
  });

  it('re-sends a file stream (rewound by opening the file again)', async () => {
    const path = join(dir, 'upload.txt');
    await writeFile(path, 'file contents '.repeat(1000));
    const { text, requests } = await postToFlaky(createReadStream(path));
    expect(text).toBe('file contents '.repeat(1000));
    expect(requests).toEqual([text, text]);
  });

  it('re-sends the same byte range of a file stream with start/end', async () => {
    const path = join(dir, 'range.txt');
    await writeFile(path, '0123456789');
    const { text } = await postToFlaky(createReadStream(path, { start: 2, end: 5 }));
    expect(text).toBe('2345');
  });

  it('a one-shot stream gives UnrewindableBodyError, never an empty re-send', async () => {
    const raw = await flakyServer();
    try {
      const p = new HTTPConnectionPool('127.0.0.1', { port: raw.port });
      pools.push(p);
      const body = Readable.from([Buffer.from('only once')]);
      const error = await rejection(p.request('POST', '/upload', { body, retries: RETRY_POST }));
      expect(error).toBeInstanceOf(UnrewindableBodyError);
      expect(error.message).toMatch(/cannot be rewound/);
      // Nothing was sent for the retry: only the first connection ever saw a request.
      expect(raw.requestsSeen).toBe(1);
      expect(raw.totalConnections).toBe(1);
      expect(p.stats.open).toBe(0);
    } finally {
      for (const p of pools.splice(0)) p.close();
      await raw.close();
    }
  });

  it('a one-shot stream that was never sent survives a connect retry', async () => {
    const tcp = createTcpConnector();
    let calls = 0;
    // The first connect fails before anything is written; the retry may still send the stream.
    const flakyConnect: Connector = (request) => {
      calls++;
      if (calls === 1) return Promise.reject(new NewConnectionError(null, 'refused (simulated)'));
      return tcp(request);
    };
    const p = new HTTPConnectionPool('127.0.0.1', { port: server.port, connector: flakyConnect });
    pools.push(p);
    const body = Readable.from([Buffer.from('sent once')]);
    const r = await p.request('POST', '/echo-body', { body });
    expect(r.data.toString()).toBe('sent once');
    expect(calls).toBe(2);
    expect(r.retries!.history[0]!.error).toBeInstanceOf(NewConnectionError);
  });

  it('a generator body gives UnrewindableBodyError on retry', async () => {
    const raw = await flakyServer();
    try {
      const p = new HTTPConnectionPool('127.0.0.1', { port: raw.port });
      pools.push(p);
      function* chunks(): Generator<Uint8Array> {
        yield Buffer.from('gen');
      }
      const error = await rejection(
        p.request('POST', '/upload', { body: chunks(), retries: RETRY_POST }),
      );
      expect(error).toBeInstanceOf(UnrewindableBodyError);
    } finally {
      for (const p of pools.splice(0)) p.close();
      await raw.close();
    }
  });
});

describe('replayable bodies on redirects', () => {
  for (const status of [307, 308]) {
    it(`${status}: a one-shot stream gives UnrewindableBodyError`, async () => {
      const p = new HTTPConnectionPool('127.0.0.1', { port: server.port });
      pools.push(p);
      const body = Readable.from([Buffer.from('stream body')]);
      const error = await rejection(
        p.request('POST', `/redirect-to?url=%2Fecho-body&status_code=${status}`, { body }),
      );
      expect(error).toBeInstanceOf(UnrewindableBodyError);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.body.toString()).toBe('stream body');
      // The redirect's connection was drained and kept.
      expect(p.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
    });
  }

  it('307: a file stream is re-sent from the file', async () => {
    const path = join(dir, 'redirect.txt');
    await writeFile(path, 'redirected file');
    const p = new HTTPConnectionPool('127.0.0.1', { port: server.port });
    pools.push(p);
    const r = await p.request('POST', '/redirect-to?url=%2Fecho-body&status_code=307', {
      body: createReadStream(path),
    });
    expect(r.data.toString()).toBe('redirected file');
    expect(server.requests.map((q) => q.body.toString())).toEqual([
      'redirected file',
      'redirected file',
    ]);
  });

  it('303 drops a one-shot stream body instead of failing', async () => {
    const p = new HTTPConnectionPool('127.0.0.1', { port: server.port });
    pools.push(p);
    const body = Readable.from([Buffer.from('form')]);
    const r = await p.request('POST', '/redirect-to?url=%2Fget&status_code=303', { body });
    expect(r.status).toBe(200);
    expect(server.requests[1]!.method).toBe('GET');
  });
});
