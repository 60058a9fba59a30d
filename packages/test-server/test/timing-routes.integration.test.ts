import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { patternBytes, startTestServer, type TestServer } from '../src/index.ts';
import { send } from './http-get.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('timing routes', () => {
  test('/delay/:ms answers after the delay', async () => {
    const started = Date.now();
    const res = await send(`${server.url}/delay/150`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.json()).toEqual({ delayedMs: 150 });
  });

  test('/slow sends headers first and the body after delay_ms', async () => {
    const started = Date.now();
    const times = await new Promise<{ headers: number; end: number }>((resolve, reject) => {
      const req = request(`${server.url}/slow?delay_ms=300`, { agent: false }, (res) => {
        const headers = Date.now() - started;
        res.resume();
        res.on('end', () => resolve({ headers, end: Date.now() - started }));
      });
      req.on('error', reject);
      req.end();
    });
    // Lower bounds only (no speed assertions): the body came a full delay after the headers.
    expect(times.end - times.headers).toBeGreaterThanOrEqual(200);
    expect(times.end).toBeGreaterThanOrEqual(290);
  });

  test('/drip sends numbytes over duration', async () => {
    const started = Date.now();
    const res = await send(`${server.url}/drip?numbytes=5&duration=100&delay=20`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(res.body.toString()).toBe('*****');
    expect(res.headers['content-length']).toBe('5');
  });

  test('/stall-body sends N body bytes and then stalls until the server closes', async () => {
    const stalling = await startTestServer();
    const received = await new Promise<{ bytes: Buffer; aborted: boolean }>((resolve) => {
      const req = request(`${stalling.url}/stall-body?bytes=100`, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          total += chunk.length;
          if (total === 100) setTimeout(() => void stalling.close(), 50);
        });
        res.on('error', () => {});
        res.on('close', () => resolve({ bytes: Buffer.concat(chunks), aborted: !res.complete }));
      });
      req.on('error', () => {});
      req.end();
    });
    expect(received.bytes).toEqual(patternBytes(100));
    expect(received.aborted).toBe(true);
  });

  test('closing the server ends a pending /delay at once', async () => {
    const delaying = await startTestServer();
    const outcome = new Promise<string>((resolve) => {
      const req = request(`${delaying.url}/delay/60000`, { agent: false }, () =>
        resolve('response'),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      req.end();
    });
    await delaying.waitForOpenConnections(1);
    await delaying.close();
    expect(await outcome).toBe('ECONNRESET');
  });
});
