import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { patternBytes, startTestServer, type TestServer } from '../src/index.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Outcome {
  status?: number;
  headers?: Record<string, unknown>;
  body: Buffer;
  complete: boolean;
  error?: string;
}

/** GET that reports partial bodies and errors instead of throwing. */
function fetchPartial(path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(`${server.url}${path}`, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => {});
      res.on('close', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          complete: res.complete,
        }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ body: Buffer.alloc(0), complete: false, error: error.code ?? error.message }),
    );
    req.end();
  });
}

describe('fault routes', () => {
  test('/disconnect drops the connection without a response', async () => {
    const outcome = await fetchPartial('/disconnect');
    expect(outcome.status).toBeUndefined();
    expect(outcome.error).toBe('ECONNRESET');
  });

  test('/truncated sends fewer bytes than Content-Length, then closes', async () => {
    const outcome = await fetchPartial('/truncated?bytes=300');
    expect(outcome.status).toBe(200);
    expect(outcome.headers?.['content-length']).toBe('1324');
    expect(outcome.body).toEqual(patternBytes(300));
    expect(outcome.complete).toBe(false);
  });

  test('/truncated-chunked closes before the last chunk', async () => {
    const outcome = await fetchPartial('/truncated-chunked?bytes=50');
    expect(outcome.headers?.['transfer-encoding']).toBe('chunked');
    expect(outcome.body).toEqual(patternBytes(50));
    expect(outcome.complete).toBe(false);
  });

  test('await using closes the server', async () => {
    let port = 0;
    {
      await using scoped = await startTestServer();
      port = scoped.port;
      expect((await fetchPartialFrom(scoped.url, '/get')).status).toBe(200);
    }
    const after = await fetchPartialFrom(`http://127.0.0.1:${port}`, '/get');
    expect(after.error).toBe('ECONNREFUSED');
  });
});

function fetchPartialFrom(base: string, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(`${base}${path}`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.alloc(0), complete: true }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ body: Buffer.alloc(0), complete: false, error: error.code ?? '' }),
    );
    req.end();
  });
}
