import { createServer } from 'node:net';
import {
  ConnectTimeoutError,
  DecodeError,
  InvalidHeader,
  MaxRetryError,
  NewConnectionError,
  ProtocolError,
  ReadTimeoutError,
  ResponseError,
  Retry,
  TLS_OPTION_NAMES,
} from '@urlpool/core';
import { type HTTPWarning, onWarning, PlatformWarning } from '@urlpool/warnings';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FETCH_UNSUPPORTED_OPTIONS, type FetchFunction, FetchManager } from '../src/index.ts';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records its calls and answers from a script of responses. */
function scripted(...answers: Array<Response | Error | ((call: Call) => Promise<Response>)>) {
  const calls: Call[] = [];
  const fetch: FetchFunction = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(call);
    return answer.clone();
  };
  return { fetch, calls };
}

const warnings: HTTPWarning[] = [];
const stop = onWarning((w) => warnings.push(w));
afterEach(() => {
  warnings.length = 0;
});
afterAll(stop);

describe('FetchManager with a scripted fetch', () => {
  it('sends method, validated headers, User-Agent and bytes; redirect manual; fetchOptions passed on', async () => {
    const { fetch, calls } = scripted(new Response('ok'));
    const http = new FetchManager({ fetch, fetchOptions: { credentials: 'include' } });
    const r = await http.request('PUT', 'http://h.test/p?q=1#frag', {
      body: 'héllo',
      headers: { 'X-A': '1', 'Content-Length': '6' },
    });
    expect(r.status).toBe(200);
    expect(r.data.toString()).toBe('ok');
    const [call] = calls;
    expect(call!.url).toBe('http://h.test/p?q=1');
    expect(call!.init.method).toBe('PUT');
    expect(call!.init.redirect).toBe('manual');
    expect(call!.init.credentials).toBe('include');
    expect(call!.init.headers).toEqual([
      ['X-A', '1'],
      ['User-Agent', expect.stringMatching(/^urlpool\//)],
    ]);
    expect(new TextDecoder().decode(call!.init.body as Uint8Array)).toBe('héllo');
  });

  it('throws InvalidHeader before fetching for a wrong Content-Length or CL with TE', async () => {
    const { fetch, calls } = scripted(new Response('ok'));
    const http = new FetchManager({ fetch });
    await expect(
      http.request('POST', 'http://h.test/', { body: 'abc', headers: { 'Content-Length': '4' } }),
    ).rejects.toBeInstanceOf(InvalidHeader);
    await expect(
      http.request('POST', 'http://h.test/', {
        body: 'abc',
        headers: { 'Content-Length': '3', 'Transfer-Encoding': 'chunked' },
      }),
    ).rejects.toBeInstanceOf(InvalidHeader);
    expect(calls).toHaveLength(0);
  });

  it('sends Content-Length: 0 bodies for POST without body, refuses a body on GET', async () => {
    const { fetch, calls } = scripted(new Response('ok'));
    const http = new FetchManager({ fetch });
    await http.request('POST', 'http://h.test/');
    expect((calls[0]!.init.body as Uint8Array).byteLength).toBe(0);
    await http.request('GET', 'http://h.test/');
    expect(calls[1]!.init.body).toBeUndefined();
    await expect(http.urlopen('GET', 'http://h.test/', { body: 'x' })).rejects.toThrow(/GET/);
  });

  it('reads stream bodies once and re-sends them on a retry', async () => {
    const { fetch, calls } = scripted(new Response('busy', { status: 503 }), new Response('ok'));
    const http = new FetchManager({ fetch });
    async function* body() {
      yield new TextEncoder().encode('a');
      yield new TextEncoder().encode('b');
    }
    const r = await http.urlopen('PUT', 'http://h.test/', {
      body: body(),
      retries: new Retry({ total: 2, statusForcelist: [503] }),
    });
    expect(r.status).toBe(200);
    expect(calls.map((c) => new TextDecoder().decode(c.init.body as Uint8Array))).toEqual([
      'ab',
      'ab',
    ]);
  });

  it('sends URL credentials as Authorization: Basic, never in the fetched URL; a Location replaces them', async () => {
    const { fetch, calls } = scripted(
      new Response(null, { status: 302, headers: { Location: 'http://other:s%40cret@h2.test/b' } }),
      new Response('ok'),
    );
    const http = new FetchManager({ fetch });
    const r = await http.request('GET', 'http://user:pa%3Ass@h.test/a');
    expect(r.status).toBe(200);
    expect(calls.map((c) => c.url)).toEqual(['http://h.test/a', 'http://h2.test/b']);
    const authorization = (call: Call) =>
      (call.init.headers as [string, string][]).filter(
        ([k]) => k.toLowerCase() === 'authorization',
      );
    expect(authorization(calls[0]!)).toEqual([
      ['Authorization', `Basic ${Buffer.from('user:pa:ss').toString('base64')}`],
    ]);
    expect(authorization(calls[1]!)).toEqual([
      ['Authorization', `Basic ${Buffer.from('other:s@cret').toString('base64')}`],
    ]);
    await expect(
      http.request('GET', 'http://user:x@h.test/', { headers: { Authorization: 'Basic other' } }),
    ).rejects.toBeInstanceOf(InvalidHeader);
  });

  it('sends the string chunks of an array or async iterable body as UTF-8', async () => {
    const { fetch, calls } = scripted(new Response('ok'));
    const http = new FetchManager({ fetch });
    async function* text() {
      yield 'ä';
      yield new TextEncoder().encode('b');
    }
    await http.request('POST', 'http://h.test/', { body: ['foo', '', 'äöü'] });
    await http.request('POST', 'http://h.test/', { body: text() });
    expect(calls.map((c) => Buffer.from(c.init.body as Uint8Array).toString('utf8'))).toEqual([
      'fooäöü',
      'äb',
    ]);
    // Bad input is a rejection, not a synchronous throw.
    const refused = http.request('POST', 'http://h.test/', { body: [1] as unknown as string[] });
    await expect(refused).rejects.toThrow(/chunk 0 is number/);
    await expect(http.urlopen('BAD METHOD', 'http://h.test/')).rejects.toThrow();
  });

  it('maps a refused connection to NewConnectionError and retries it for POST', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const { fetch, calls } = scripted(refused, new Response('ok'));
    const http = new FetchManager({ fetch });
    const r = await http.request('POST', 'http://h.test/', { body: 'x' });
    expect(r.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(r.retries?.history[0]?.error).toBeInstanceOf(NewConnectionError);
  });

  it('maps other fetch failures to ProtocolError, not retried for POST', async () => {
    const { fetch, calls } = scripted(new TypeError('Failed to fetch'), new Response('ok'));
    const http = new FetchManager({ fetch });
    const error = await http.request('POST', 'http://h.test/', { body: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.message).toBe('Connection aborted: Failed to fetch');
    expect(calls).toHaveLength(1);
    const get = await new FetchManager({
      fetch: scripted(new TypeError('x'), new Response('ok')).fetch,
    }).request('GET', 'http://h.test/');
    expect(get.status).toBe(200);
  });

  it('gives up with MaxRetryError when error retries run out', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    const { fetch, calls } = scripted(refused);
    const http = new FetchManager({ fetch, retries: 2 });
    const error = await http.request('GET', 'http://h.test/x').catch((e) => e);
    expect(error).toBeInstanceOf(MaxRetryError);
    expect(error.reason).toBeInstanceOf(NewConnectionError);
    expect(calls).toHaveLength(3);
  });

  it('drops Authorization on a cross-host redirect, keeps it on the same host', async () => {
    const { fetch, calls } = scripted(
      new Response(null, { status: 302, headers: { Location: '/same' } }),
      new Response(null, { status: 301, headers: { Location: 'http://other.test/x' } }),
      new Response('done'),
    );
    const http = new FetchManager({ fetch });
    const r = await http.request('GET', 'http://h.test/', {
      headers: { Authorization: 'secret', 'X-Keep': '1' },
    });
    expect(r.status).toBe(200);
    expect(r.url).toBe('http://other.test/x');
    const names = calls.map((c) => (c.init.headers as [string, string][]).map(([n]) => n));
    expect(names[1]).toContain('Authorization');
    expect(names[2]).not.toContain('Authorization');
    expect(names[2]).toContain('X-Keep');
    expect(r.retries?.history.map((h) => h.redirectLocation)).toEqual([
      '/same',
      'http://other.test/x',
    ]);
  });

  it("redirectMode 'follow': the runtime follows, one PlatformWarning says what no longer applies", async () => {
    const { fetch, calls } = scripted(async () => {
      const res = new Response('final');
      Object.defineProperty(res, 'url', { value: 'http://h.test/final' });
      return res;
    });
    const http = new FetchManager({ fetch, redirectMode: 'follow' });
    new FetchManager({ fetch, redirectMode: 'follow' });
    const r = await http.request('GET', 'http://h.test/start');
    expect(calls[0]!.init.redirect).toBe('follow');
    expect(r.url).toBe('http://h.test/final');
    const platform = warnings.filter((w) => w instanceof PlatformWarning);
    expect(platform.length).toBeLessThanOrEqual(1); // once per process, maybe already emitted
  });

  it('an opaque redirect (browsers, redirect: false) is a ResponseError that explains it', async () => {
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      headers: new Headers(),
      body: null,
    } as unknown as Response;
    const http = new FetchManager({ fetch: async () => opaque, redirectMode: 'follow' });
    const error = await http.request('GET', 'http://h.test/', { redirect: false }).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.message).toMatch(/opaque redirect/);
  });

  it('the head deadline is connect + read; only connect set gives ConnectTimeoutError', async () => {
    const hang: FetchFunction = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason));
      });
    const http = new FetchManager({ fetch: hang, retries: false });
    let started = performance.now();
    const read = await http
      .request('GET', 'http://h.test/', { timeout: { connect: 50, read: 100 } })
      .catch((e) => e);
    expect(read).toBeInstanceOf(ReadTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    started = performance.now();
    const connect = await http
      .request('GET', 'http://h.test/', { timeout: { connect: 80 } })
      .catch((e) => e);
    expect(connect).toBeInstanceOf(ConnectTimeoutError);
    expect(connect.message).toMatch(/h\.test.*connect timeout=80ms/);
    const total = await http
      .request('GET', 'http://h.test/', { timeout: { total: 60 } })
      .catch((e) => e);
    expect(total).toBeInstanceOf(ReadTimeoutError);
    expect(total.message).toMatch(/total timeout=60ms/);
  });

  it('total bounds a preloaded body too, not a streamed one', async () => {
    const slowBody: FetchFunction = async (_url, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1]));
          const timer = setTimeout(() => controller.close(), 200);
          init.signal!.addEventListener('abort', () => {
            clearTimeout(timer);
            controller.error(init.signal!.reason);
          });
        },
      });
      return new Response(body);
    };
    const http = new FetchManager({ fetch: slowBody, retries: false });
    const preloaded = await http
      .request('GET', 'http://h.test/', { timeout: { total: 80 } })
      .catch((e) => e);
    expect(preloaded).toBeInstanceOf(ReadTimeoutError);
    const streamed = await http.request('GET', 'http://h.test/', {
      timeout: { total: 80 },
      preloadContent: false,
    });
    expect((await streamed.read()).length).toBe(1);
  });

  it('maxDecodedSize caps what the runtime already decoded (DecodeError), and decodeContent is kept', async () => {
    const { fetch } = scripted(
      new Response('x'.repeat(100), { headers: { 'Content-Encoding': 'gzip' } }),
    );
    const http = new FetchManager({ fetch });
    const error = await http
      .request('GET', 'http://h.test/', { maxDecodedSize: 10 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DecodeError);
    const r = await http.request('GET', 'http://h.test/', { decodeContent: false });
    expect(r.decodeContent).toBe(false);
    expect(r.data.length).toBe(100);
    expect(r.headers.get('content-encoding')).toBe('gzip');
  });

  it('a HEAD answer with an empty body stream and the GET Content-Length is not an IncompleteRead', async () => {
    // Chromium hands out an empty (non-null) body for HEAD, with the header of the GET.
    const { fetch } = scripted(
      async () =>
        new Response(new ReadableStream({ start: (c) => c.close() }), {
          headers: { 'Content-Length': '738' },
        }),
    );
    const http = new FetchManager({ fetch, retries: false });
    const r = await http.request('HEAD', 'http://h.test/get');
    expect(r.status).toBe(200);
    expect(r.data.length).toBe(0);
    expect(r.headers.get('content-length')).toBe('738');
  });

  it("runs under core's redirect and retry interceptors: a user interceptor sees every attempt", async () => {
    const { fetch } = scripted(
      new Response(null, { status: 302, headers: { Location: 'http://other.test/next' } }),
      new Response('busy', { status: 503, headers: { 'Retry-After': '0' } }),
      new Response('ok'),
    );
    const seen: string[] = [];
    const http = new FetchManager({
      fetch,
      interceptors: [
        (next) => async (request) => {
          const response = await next(request);
          seen.push(`${request.method} ${request.host}${request.path} ${response.status}`);
          return response;
        },
      ],
    });
    const r = await http.request('GET', 'http://h.test/start');
    expect(r.status).toBe(200);
    expect(seen).toEqual([
      'GET h.test/start 302',
      'GET other.test/next 503',
      'GET other.test/next 200',
    ]);
    expect(r.retries?.history).toHaveLength(2);
  });

  it('rejects unknown options and fetchOptions that urlpool sets', () => {
    expect(() => new FetchManager({ retry: 3 } as never)).toThrow(
      /Unknown FetchManager option "retry"/,
    );
    expect(() => new FetchManager({ fetchOptions: { signal: null } as never })).toThrow(
      /fetchOptions.signal/,
    );
    expect(() => new FetchManager({ redirectMode: 'error' as never })).toThrow(TypeError);
  });

  it('useSystemCa is ignored with a PlatformWarning like every TLS option, not rejected as unknown', async () => {
    const { fetch } = scripted(new Response('ok'));
    const http = new FetchManager({ fetch, useSystemCa: true });
    expect((await http.request('GET', 'http://h.test/')).status).toBe(200);
    const named = warnings.filter(
      (w) => w instanceof PlatformWarning && /useSystemCa cannot be honoured/.test(w.message),
    );
    expect(named).toHaveLength(1);
  });

  it("accepts and ignores every one of core's TLS_OPTION_NAMES, naming them in one warning", () => {
    const options = Object.fromEntries(TLS_OPTION_NAMES.map((name) => [name, 'x']));
    expect(() => new FetchManager(options as never)).not.toThrow();
    for (const name of TLS_OPTION_NAMES) expect(FETCH_UNSUPPORTED_OPTIONS.has(name)).toBe(true);
    const platform = warnings.filter((w) => w instanceof PlatformWarning);
    expect(platform).toHaveLength(1);
    for (const name of TLS_OPTION_NAMES) expect(platform[0]!.message).toContain(name);
  });

  it('warns once for socket-only request options', async () => {
    const { fetch } = scripted(new Response('ok'));
    const http = new FetchManager({ fetch });
    await http.urlopen('GET', 'http://h.test/', { chunked: true, poolTimeout: 5 });
    await http.urlopen('GET', 'http://h.test/', { chunked: true, poolTimeout: 5 });
    const named = warnings.filter(
      (w) => w instanceof PlatformWarning && /chunked, poolTimeout/.test(w.message),
    );
    expect(named).toHaveLength(1);
  });

  it('refuses relative URLs and other schemes', async () => {
    const http = new FetchManager({ fetch: scripted(new Response('ok')).fetch });
    await expect(http.request('GET', '/relative')).rejects.toThrow(/absolute URL/);
    await expect(http.request('GET', 'ftp://h.test/')).rejects.toThrow(/ftp/);
  });
});

describe('FetchManager on Node fetch, errors from a real socket', () => {
  it('a closed loopback port is a NewConnectionError inside MaxRetryError', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const http = new FetchManager({ retries: 1 });
    const error = await http.request('GET', `http://127.0.0.1:${port}/`).catch((e) => e);
    expect(error).toBeInstanceOf(MaxRetryError);
    expect(error.reason).toBeInstanceOf(NewConnectionError);
  });
});
