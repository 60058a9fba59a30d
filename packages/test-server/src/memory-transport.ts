import { Duplex } from 'node:stream';
import {
  type Connection,
  type ConnectionFactory,
  type ConnectionRequest,
  type ConnectionResponse,
  type Connector,
  HTTPHeaderDict,
  ProtocolError,
  type RawBodyReader,
} from '@urlpool/core';

/** What a memory handler answers: a status, headers and the whole body. */
export interface MemoryResponse {
  readonly status: number;
  readonly reason?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Fail the request with this error instead (a transport error: reset, timeout…). */
  readonly error?: Error;
}

/** One request a memory connection received, with the connection that carried it. */
export interface MemoryRequest extends ConnectionRequest {
  /** 1 for the first connection the factory made, 2 for the second… */
  readonly connectionId: number;
  /** The origin the pool made the connection for. */
  readonly origin: string;
}

/** Answers requests of a memory transport. */
export type MemoryHandler = (request: MemoryRequest) => MemoryResponse | Promise<MemoryResponse>;

/** An in-memory transport: plug `connector` and `connectionFactory` into a pool. */
export interface MemoryTransport {
  /** Yields a socket-less duplex at once: nothing is resolved or connected. */
  readonly connector: Connector;
  /** Makes {@link Connection}s that answer with the handler. */
  readonly connectionFactory: ConnectionFactory;
  /** Every request received, in order. */
  readonly requests: MemoryRequest[];
  /** Connections made so far. */
  readonly connections: number;
  /** `{ connector, connectionFactory }`, to spread into pool or manager options. */
  readonly options: {
    readonly connector: Connector;
    readonly connectionFactory: ConnectionFactory;
  };
}

/**
 * An in-memory transport for tests of everything above the wire (pools, managers,
 * interceptors): requests are answered by `handler`, no socket is ever opened, and each
 * connection is kept alive and reused as an HTTP/1.1 connection would be.
 */
export function createMemoryTransport(handler: MemoryHandler): MemoryTransport {
  const requests: MemoryRequest[] = [];
  let connections = 0;
  // A duplex that goes nowhere: the memory connection never reads or writes it.
  const connector: Connector = async () => ({
    socket: new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() }),
    alpnProtocol: 'memory',
  });
  const connectionFactory: ConnectionFactory = (context) => {
    connections++;
    const origin = `${context.host}:${context.port}`;
    return new MemoryConnection(connections, origin, handler, requests);
  };
  return {
    connector,
    connectionFactory,
    options: { connector, connectionFactory },
    requests,
    get connections() {
      return connections;
    },
  };
}

class MemoryConnection implements Connection {
  readonly protocol = 'memory';
  readonly capacity = 1;
  responseStarted = false;
  private busy = false;
  private closed = false;
  private body: MemoryBody | null = null;

  constructor(
    private readonly id: number,
    private readonly origin: string,
    private readonly handler: MemoryHandler,
    private readonly log: MemoryRequest[],
  ) {}

  get isReusable(): boolean {
    return !this.closed && !this.busy && (this.body === null || this.body.done);
  }

  get isDropped(): boolean {
    return this.closed;
  }

  async send(request: ConnectionRequest): Promise<ConnectionResponse> {
    if (this.closed) throw new ProtocolError('Memory connection is closed');
    this.busy = true;
    this.responseStarted = false;
    const recorded: MemoryRequest = { ...request, connectionId: this.id, origin: this.origin };
    this.log.push(recorded);
    const answer = await this.handler(recorded);
    this.busy = false;
    if (answer.error !== undefined) {
      this.closed = true;
      throw answer.error;
    }
    this.responseStarted = true;
    const data = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
    const headers = new HTTPHeaderDict({
      'Content-Length': String(data.length),
      ...answer.headers,
    });
    this.body = new MemoryBody(request.method === 'HEAD' ? Buffer.alloc(0) : data);
    return {
      status: answer.status,
      reason: answer.reason ?? '',
      version: 11,
      headers,
      body: this.body,
    };
  }

  abort(error: Error): void {
    this.body?.destroy(error);
    this.close();
  }

  close(): void {
    this.closed = true;
  }
}

/** A raw body already complete in memory: one chunk, then the end. */
class MemoryBody implements RawBodyReader {
  readonly chunked = false;
  bytesRead = 0;
  private data: Buffer | null;
  private failure: Error | null = null;

  constructor(data: Buffer) {
    this.data = data.length === 0 ? null : data;
  }

  get done(): boolean {
    return this.data === null;
  }

  get lengthRemaining(): number {
    return this.data?.length ?? 0;
  }

  tryNext(): Buffer | null | undefined {
    if (this.failure !== null) return undefined;
    const data = this.data;
    this.data = null;
    if (data !== null) this.bytesRead += data.length;
    return data;
  }

  async next(): Promise<Buffer | null> {
    if (this.failure !== null) throw this.failure;
    return this.tryNext() ?? null;
  }

  destroy(error?: Error): void {
    if (this.data === null && this.failure === null) return;
    this.data = null;
    this.failure = error ?? new ProtocolError('Response body was abandoned');
  }
}
