import {
  HTTPHeaderDict,
  InvalidHeader,
  MaxRetryError,
  NewConnectionError,
  ProtocolError,
  ReadTimeoutError,
  Retry,
  SKIP_HEADER,
} from '@urlpool/core';
import { type HTTPWarning, onWarning, PlatformWarning } from '@urlpool/warnings';
import { FetchManager } from '../../src/index.ts';
import { check, equal, rejection } from './check.ts';

/**
 * The behaviour tests every runtime must pass (Node's fetch, workerd, Chromium). They use no
 * node: module and no test framework, so the same file is bundled into a worker and a page.
 * `base` is the loopback test server (with CORS for the browser).
 */
export interface CaseContext {
  readonly base: string;
  /** A loopback URL nothing listens on (connections are refused). */
  readonly refused: string;
}

export type BehaviourCase = (ctx: CaseContext) => Promise<void>;

interface Echo {
  method: string;
  path: string;
  args: Record<string, string | string[]>;
  headers: Record<string, string>;
  json: unknown;
  form: {
    fields: Record<string, string | string[]>;
    files: Record<string, { filename: string; type: string; content: string }[]>;
  } | null;
  bodyLength: number;
}

const PATTERN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const MiB = 1024 * 1024;

function uniqueKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function header(echo: Echo, name: string): string | undefined {
  for (const [key, value] of Object.entries(echo.headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

export const cases: Record<string, BehaviourCase> = {
  async 'GET JSON with fields in the query'({ base }) {
    const http = new FetchManager();
    const r = await http.request('GET', `${base}/get`, { fields: { q: 'url pool', n: '1' } });
    equal(r.status, 200, 'status');
    const echo = r.json<Echo>();
    equal(echo.args, { q: 'url pool', n: '1' }, 'query args');
    equal(r.headers.get('content-type'), 'application/json', 'content-type');
    check(r.data.length > 0, 'data is the preloaded body');
    check(r.text().startsWith('{'), 'text() decodes the body');
  },

  async 'POST JSON'({ base }) {
    const http = new FetchManager();
    const r = await http.request('POST', `${base}/anything`, { json: { a: 1, b: 'é✓' } });
    const echo = r.json<Echo>();
    equal(echo.method, 'POST', 'method');
    equal(echo.json, { a: 1, b: 'é✓' }, 'echoed JSON');
    equal(header(echo, 'content-type'), 'application/json', 'content-type sent');
  },

  async 'POST fields, urlencoded and multipart'({ base }) {
    const http = new FetchManager();
    const form = await http.request('POST', `${base}/anything`, {
      fields: { a: '1', b: 'x y&z' },
      encodeMultipart: false,
    });
    equal(form.json<Echo>().form?.fields, { a: '1', b: 'x y&z' }, 'urlencoded fields');
    const multipart = await http.request('PUT', `${base}/anything`, {
      fields: { name: 'urlpool', file: ['a.txt', 'hello file', 'text/plain'] },
    });
    const echo = multipart.json<Echo>();
    check(
      header(echo, 'content-type')?.startsWith('multipart/form-data; boundary='),
      'multipart content-type',
    );
    equal(echo.form?.fields, { name: 'urlpool' }, 'multipart fields');
    equal(echo.form?.files.file?.[0]?.filename, 'a.txt', 'file name');
    equal(echo.form?.files.file?.[0]?.content, 'hello file', 'file content');
  },

  async 'FormData and Blob bodies, as fetch sends them'({ base }) {
    const http = new FetchManager();
    const form = new FormData();
    form.append('name', 'urlpool');
    form.append('file', new Blob(['blob content'], { type: 'text/plain' }), 'b.txt');
    const echo = (await http.request('POST', `${base}/anything`, { body: form })).json<Echo>();
    check(
      header(echo, 'content-type')?.startsWith('multipart/form-data; boundary='),
      'FormData content-type',
    );
    equal(echo.form?.fields, { name: 'urlpool' }, 'FormData fields');
    equal(echo.form?.files.file?.[0]?.content, 'blob content', 'FormData file');
    const blob = new Blob(['{"from":"blob"}'], { type: 'application/json' });
    const sent = (await http.request('PUT', `${base}/anything`, { body: blob })).json<Echo>();
    equal(header(sent, 'content-type'), 'application/json', 'Blob type as Content-Type');
    equal(sent.json, { from: 'blob' }, 'Blob body');
  },

  async 'redirects: followed across a chain, 303 turns POST into GET, counted by Retry'({ base }) {
    const http = new FetchManager();
    const r = await http.request('GET', `${base}/redirect/3`);
    equal(r.status, 200, 'final status');
    check(r.url?.endsWith('/get'), `final url ${r.url}`);
    const post = await http.request('POST', `${base}/redirect-to?url=/anything&status_code=303`, {
      json: { dropped: true },
    });
    const echo = post.json<Echo>();
    equal(echo.method, 'GET', 'method after 303');
    equal(echo.bodyLength, 0, 'no body after 303');
    if (http.redirectMode === 'manual') {
      equal(r.retries?.history.length, 3, 'redirects in the Retry history');
      const error = await rejection(
        http.request('GET', `${base}/redirect/5`, { retries: new Retry({ redirect: 2 }) }),
        'too many redirects',
      );
      check(error instanceof MaxRetryError, `MaxRetryError, got ${error.name}: ${error.message}`);
      const unfollowed = await http.request('GET', `${base}/redirect/1`, { redirect: false });
      equal(unfollowed.status, 302, 'redirect: false returns the redirect');
      equal(unfollowed.getRedirectLocation(), '/get', 'its Location');
    } else {
      // Browsers hide redirect responses: the page can only let the browser follow them.
      const error = await rejection(
        http.request('GET', `${base}/redirect/1`, { redirect: false }),
        'redirect: false in a browser',
      );
      check(
        /opaque redirect/.test(error.message),
        `explains the opaque redirect: ${error.message}`,
      );
    }
  },

  async 'retries a 503 with Retry-After, waiting as told'({ base }) {
    const http = new FetchManager({ retries: new Retry({ total: 3 }) });
    const key = uniqueKey();
    const started = Date.now();
    const r = await http.request('GET', `${base}/retry?key=${key}&failures=2&retry_after=1`);
    const elapsed = Date.now() - started;
    equal(r.status, 200, 'status after the retries');
    equal(r.json<{ attempts: number }>().attempts, 3, 'attempts seen by the server');
    equal(r.retries?.history.length, 2, 'retries in the history');
    check(elapsed >= 1900, `waited for Retry-After twice (${elapsed} ms)`);
    // As urllib3: once total is 0, a Retry-After status is returned, not retried.
    const last = await http.request(
      'GET',
      `${base}/retry?key=${uniqueKey()}&failures=5&retry_after=0`,
      {
        retries: 1,
      },
    );
    equal(last.status, 503, 'the last 503 is returned when only Retry-After asked for a retry');
    const exhausted = await rejection(
      http.request('GET', `${base}/retry?key=${uniqueKey()}&failures=5&retry_after=0`, {
        retries: new Retry({ total: 1, statusForcelist: [503] }),
      }),
      'exhausted status retries',
    );
    check(exhausted instanceof MaxRetryError, `MaxRetryError, got ${exhausted.name}`);
    check(/too many 503 error responses/.test(exhausted.message), exhausted.message);
  },

  async 'read timeout: while waiting for the head and between body bytes'({ base }) {
    const http = new FetchManager({ retries: false });
    let started = Date.now();
    const head = await rejection(
      http.request('GET', `${base}/delay/3000`, { timeout: { connect: 200, read: 300 } }),
      'no head in time',
    );
    check(head instanceof ReadTimeoutError, `ReadTimeoutError, got ${head.name}: ${head.message}`);
    check(Date.now() - started < 2500, `head timeout fired in time (${Date.now() - started} ms)`);
    started = Date.now();
    const r = await http.request('GET', `${base}/slow?delay_ms=3000`, {
      timeout: { read: 300 },
      preloadContent: false,
    });
    equal(r.status, 200, 'head arrived');
    const body = await rejection(r.read(), 'no body in time');
    check(body instanceof ReadTimeoutError, `ReadTimeoutError, got ${body.name}: ${body.message}`);
    check(Date.now() - started < 2500, `read timeout fired in time (${Date.now() - started} ms)`);
  },

  async 'abort: before the head and in the middle of the body'({ base }) {
    const http = new FetchManager();
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(
      http.request('GET', `${base}/delay/3000`, { signal: controller.signal }),
      'aborted request',
    );
    equal(error.name, 'AbortError', 'error name');
    check(Date.now() - started < 2500, 'aborted at once');
    const body = new AbortController();
    const r = await http.request('GET', `${base}/large?size=${8 * MiB}&chunk=16384`, {
      signal: body.signal,
      preloadContent: false,
    });
    await r.read(1000);
    body.abort(new Error('stop reading'));
    const stopped = await rejection(r.read(), 'aborted body');
    equal(stopped.message, 'stop reading', 'the abort reason');
    const pre = new AbortController();
    pre.abort();
    const early = await rejection(
      http.request('GET', `${base}/get`, { signal: pre.signal }),
      'pre-aborted',
    );
    equal(early.name, 'AbortError', 'pre-aborted error name');
  },

  async 'streams a 10 MiB body in bounded chunks'({ base }) {
    const http = new FetchManager();
    const size = 10 * MiB;
    const r = await http.request('GET', `${base}/large?size=${size}&chunk=65536`, {
      preloadContent: false,
    });
    let total = 0;
    let chunks = 0;
    for await (const chunk of r.stream(65536)) {
      check(chunk.length > 0 && chunk.length <= 65536, `chunk of ${chunk.length} bytes`);
      for (let i = 0; i < chunk.length; i += 4093) {
        if (chunk[i] !== PATTERN.charCodeAt((total + i) % 64)) {
          throw new Error(`wrong byte at ${total + i}`);
        }
      }
      total += chunk.length;
      chunks++;
    }
    equal(total, size, 'bytes streamed');
    check(chunks >= size / 65536, `${chunks} chunks`);
    equal(r.data.length, 0, 'a streamed body is not kept');
    const partial = await http.request('GET', `${base}/large?size=100000`, {
      preloadContent: false,
    });
    equal((await partial.read(10)).length, 10, 'read(10)');
    let web = 0;
    const reader = partial.toWebStream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      web += value.byteLength;
    }
    equal(web, 100000 - 10, 'toWebStream() delivers the rest');
  },

  async 'gzip and br bodies are decoded once, by the runtime'({ base }) {
    const http = new FetchManager();
    for (const coding of ['gzip', 'br']) {
      const r = await http.request('GET', `${base}/encoding/${coding}?size=50000`);
      equal(r.headers.get('content-encoding'), coding, `${coding}: Content-Encoding kept`);
      equal(r.data.length, Number(r.headers.get('x-decoded-length')), `${coding}: decoded length`);
      for (let i = 0; i < r.data.length; i += 997) {
        if (r.data[i] !== PATTERN.charCodeAt(i % 64))
          throw new Error(`${coding}: wrong byte at ${i}`);
      }
    }
  },

  async 'a 1 MiB upload arrives whole'({ base }) {
    const http = new FetchManager();
    const body = new Uint8Array(MiB).map((_, i) => i & 0xff);
    const r = await http.request('POST', `${base}/drain`, { body });
    equal(r.json<{ bytes: number }>().bytes, MiB, 'bytes received');
  },

  async 'a refused connection is retried, then MaxRetryError with a transport error as reason'({
    refused,
  }) {
    const http = new FetchManager({ retries: new Retry({ total: 2 }) });
    const error = await rejection(http.request('GET', `${refused}/get`), 'refused');
    check(error instanceof MaxRetryError, `MaxRetryError, got ${error.name}: ${error.message}`);
    const reason = (error as MaxRetryError).reason;
    // Node names the cause (ECONNREFUSED); workerd and browsers do not, so it is a ProtocolError.
    check(
      reason instanceof NewConnectionError || reason instanceof ProtocolError,
      `a transport error as reason, got ${reason?.name}: ${reason?.message}`,
    );
    const post = await rejection(
      http.request('POST', `${refused}/post`, { body: 'x' }),
      'refused POST',
    );
    check(
      post instanceof MaxRetryError || post instanceof ProtocolError,
      `POST: MaxRetryError (refused, Node) or the ProtocolError itself, got ${post.name}`,
    );
  },

  async 'bodiless responses: HEAD and 204'({ base }) {
    const http = new FetchManager();
    const head = await http.request('HEAD', `${base}/get`);
    equal(head.status, 200, 'HEAD status');
    equal(head.data.length, 0, 'HEAD has no body');
    check(head.headers.get('content-length') !== '0', 'HEAD keeps the GET length header');
    const empty = await http.request('DELETE', `${base}/status/204`);
    equal(empty.status, 204, '204 status');
    equal((await empty.read()).length, 0, '204 has no body');
  },

  async 'header rules: validated before sending, SKIP_HEADER, replaced defaults'({ base }) {
    const http = new FetchManager({ headers: { 'X-Default': 'yes' } });
    const bad = await rejection(
      http.request('GET', `${base}/get`, { headers: { 'X-Bad': 'a\r\nInjected: 1' } }),
      'CR LF in a value',
    );
    check(bad instanceof InvalidHeader, `InvalidHeader, got ${bad.name}`);
    const badName = await rejection(
      http.request('GET', `${base}/get`, { headers: { 'Bad Name': 'x' } }),
      'space in a name',
    );
    check(badName instanceof InvalidHeader, `InvalidHeader, got ${badName.name}`);
    const defaults = (await http.request('GET', `${base}/get`)).json<Echo>();
    equal(header(defaults, 'x-default'), 'yes', 'default header sent');
    const replaced = (
      await http.request('GET', `${base}/get`, {
        headers: new HTTPHeaderDict({ 'X-Mine': '1', 'User-Agent': SKIP_HEADER }),
      })
    ).json<Echo>();
    equal(header(replaced, 'x-default'), undefined, 'defaults replaced, not merged');
    equal(header(replaced, 'x-mine'), '1', 'own header sent');
    check(
      header(replaced, 'user-agent') !== 'urlpool',
      'SKIP_HEADER leaves User-Agent to the runtime',
    );
  },

  async 'warns once, naming the options the runtime cannot honour'() {
    const seen: HTTPWarning[] = [];
    const stop = onWarning((w) => {
      if (w instanceof PlatformWarning && /cannot be honoured/.test(w.message)) seen.push(w);
    });
    try {
      new FetchManager({
        maxsize: 4,
        block: true,
        certReqs: 'CERT_NONE',
        sourceAddress: '127.0.0.1',
      });
      new FetchManager({
        maxsize: 4,
        block: true,
        certReqs: 'CERT_NONE',
        sourceAddress: '127.0.0.1',
      });
    } finally {
      stop();
    }
    equal(seen.length, 1, 'one warning');
    for (const name of ['block', 'certReqs', 'maxsize', 'sourceAddress']) {
      check(seen[0]!.message.includes(name), `names ${name}: ${seen[0]!.message}`);
    }
    let typo: unknown;
    try {
      new FetchManager({ maxSize: 4 } as never);
    } catch (error) {
      typo = error;
    }
    check(typo instanceof TypeError, 'an unknown option throws TypeError');
  },
};
