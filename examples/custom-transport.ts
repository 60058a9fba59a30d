// Beyond the guide: building your own transport on urlpool's three public seams (a connector,
// a connection factory, interceptors), as a third party would.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import {
  type Connection,
  type ConnectionFactory,
  type ConnectionRequest,
  type ConnectionResponse,
  type Connector,
  createHTTPConnectionFactory,
  HTTPConnectionPool,
  HTTPHeaderDict,
  type HTTPResponse,
  type Interceptor,
  PoolManager,
  ProtocolError,
  prepareHeaders,
  type RawBodyReader,
} from 'urlpool';
import type { Example } from './example-context.ts';

/**
 * A connector of our own: plain `net.connect`, counting the sockets it opens. A connector only
 * turns "host, port, timeout, signal" into a connected duplex (and the ALPN protocol it
 * negotiated): TLS, tunnels and SOCKS are connectors too.
 */
function countingConnector(): { connector: Connector; opened: () => number } {
  let opened = 0;
  const connector: Connector = (request) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: request.host, port: request.port, noDelay: true });
      socket.once('connect', () => {
        opened++;
        socket.off('error', reject);
        resolve({ socket, alpnProtocol: null });
      });
      socket.once('error', reject);
    });
  return { connector, opened: () => opened };
}

/**
 * A connection factory of our own that still speaks HTTP/1.1: urlpool's HTTPConnection with a
 * header added to every request on the connection (what a forwarding proxy does with
 * Proxy-Authorization), naming which connection carried it.
 */
function taggingFactory(): ConnectionFactory {
  let made = 0;
  return (context) => {
    made++;
    const headers = prepareHeaders({ 'X-Connection': `conn-${made}` });
    return createHTTPConnectionFactory({ headers })(context);
  };
}

/** A raw body that is already in memory. */
class BufferBody implements RawBodyReader {
  readonly chunked = false;
  bytesRead = 0;
  #data: Buffer | null;
  constructor(data: Buffer) {
    this.#data = data.length === 0 ? null : data;
  }
  get done(): boolean {
    return this.#data === null;
  }
  get lengthRemaining(): number {
    return this.#data?.length ?? 0;
  }
  tryNext(): Buffer | null {
    const data = this.#data;
    this.#data = null;
    if (data !== null) this.bytesRead += data.length;
    return data;
  }
  async next(): Promise<Buffer | null> {
    return this.tryNext();
  }
  destroy(): void {
    this.#data = null;
  }
}

/**
 * A connection that speaks no wire format at all: it answers from a function. Plugged in with
 * a connector that opens nothing, it makes a mock transport for tests (no ports, no sockets),
 * and every pool feature above it (retries, redirects, interceptors, decoding) still applies.
 */
class MockConnection implements Connection {
  readonly protocol = 'mock';
  readonly capacity = 1;
  readonly isDropped = false;
  responseStarted = false;
  #body: BufferBody | null = null;
  constructor(readonly answer: (request: ConnectionRequest) => [number, string]) {}
  get isReusable(): boolean {
    return this.#body === null || this.#body.done;
  }
  async send(request: ConnectionRequest): Promise<ConnectionResponse> {
    if (request.body.type === 'stream') throw new ProtocolError('mock takes no streamed bodies');
    const [status, text] = this.answer(request);
    this.responseStarted = true;
    const data = Buffer.from(text);
    this.#body = new BufferBody(data);
    const headers = new HTTPHeaderDict({ 'Content-Length': String(data.length) });
    return { status, reason: '', version: 11, headers, body: this.#body };
  }
  abort(): void {}
  close(): void {}
}

export const customTransport: Example = {
  title: 'Custom transports: connectors, connection factories, interceptors',
  async run({ server, log }) {
    // 1. Our connector and our factory under an ordinary pool.
    const { connector, opened } = countingConnector();
    const pool = new HTTPConnectionPool('127.0.0.1', {
      port: server.port,
      connector,
      connectionFactory: taggingFactory(),
    });
    const first = await pool.request('GET', '/headers');
    const second = await pool.request('GET', '/headers');
    const tag = (r: HTTPResponse): unknown =>
      (r.json() as { headers: Record<string, string> }).headers['X-Connection'];
    log(`own connector + factory: ${tag(first)}, ${tag(second)}; sockets opened: ${opened()}`);
    assert.equal(tag(first), 'conn-1');
    assert.equal(tag(second), 'conn-1', 'the kept-alive connection is reused');
    assert.equal(opened(), 1);
    pool.close();

    // 2. A mock transport under a PoolManager: no socket, yet redirects and retries work.
    const attempts: string[] = [];
    const logAttempts: Interceptor<HTTPResponse> = (next) => async (request) => {
      const response = await next(request);
      attempts.push(`${request.method} ${request.host}${request.path} ${response.status}`);
      return response;
    };
    // A 301 needs a Location: the mock adds none, so wrap it with an interceptor that does.
    const withLocation: Interceptor<HTTPResponse> = (next) => async (request) => {
      const response = await next(request);
      if (response.status === 301) response.headers.set('Location', 'http://mock.invalid/new');
      return response;
    };
    const mock = new PoolManager({
      // A connector that opens nothing: the mock connection never touches its socket.
      connector: async () => ({ socket: new PassThrough(), alpnProtocol: null }),
      connectionFactory: () =>
        new MockConnection((request) =>
          request.path === '/old'
            ? [301, '']
            : [200, `hello from ${request.authority}${request.path}`],
        ),
      interceptors: [logAttempts, withLocation],
    });
    const r = await mock.request('GET', 'http://mock.invalid/old');
    log(`mock transport: ${r.status} ${r.data.toString()}; attempts: ${attempts.join(' | ')}`);
    assert.equal(r.status, 200);
    assert.equal(r.data.toString(), 'hello from mock.invalid/new');
    assert.deepEqual(attempts, ['GET mock.invalid/old 301', 'GET mock.invalid/new 200']);
    mock.clear();
  },
};
