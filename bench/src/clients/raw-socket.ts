/**
 * The floor: what an HTTP/1.1 request costs with no client at all. Keep-alive `net` sockets write
 * a prebuilt request buffer and count response bytes until the response's known length (learned
 * once by a probe request at setup). The status line is still checked, and gzip bodies are
 * decoded with one `gunzipSync` (the cheapest possible decode), so the floor reads and verifies
 * what every client must. Same connection limits as the clients: one socket per concurrent
 * request per origin, and an LRU of `maxOrigins` origins in the many-origins scenarios. https:
 * `tls.connect` trusting the bench CA, resuming the last session the server sent. When the
 * server closes after each response (`connectionClose`), every request opens a new socket.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { gunzipSync } from 'node:zlib';
import type { ClientAdapter, ClientInstance, RequestSpec, Target, TlsSpec } from '../types.ts';

/** The TLS settings and the session to resume, shared by one instance's connections. */
interface FloorTls {
  spec: TlsSpec;
  session: Buffer | undefined;
}

const STATUS_200 = Buffer.from('HTTP/1.1 200');

class FloorConnection {
  readonly socket: Socket;
  private total = 0;
  private received = 0;
  private chunks: Buffer[] | null = null;
  private resolve: ((bytes: Buffer[] | number) => void) | null = null;
  private reject: ((error: Error) => void) | null = null;

  constructor(socket: Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('raw socket closed during a request')));
  }

  static open(target: Target, tls: FloorTls | null): Promise<FloorConnection> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        socket.off('error', reject);
        resolve(new FloorConnection(socket));
      };
      const socket =
        tls === null
          ? connect(target.port, target.host, done)
          : tlsConnect(
              { host: target.host, port: target.port, ca: tls.spec.ca, session: tls.session },
              done,
            );
      if (tls !== null) {
        socket.on('session', (session: Buffer) => {
          tls.session = session;
        });
      }
      socket.once('error', reject);
    });
  }

  /** Writes `request`; resolves with the chunks (if `keep`) or the byte count of the response. */
  send(request: Buffer, total: number, keep: boolean): Promise<Buffer[] | number> {
    this.total = total;
    this.received = 0;
    this.chunks = keep ? [] : null;
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      this.socket.write(request);
    });
  }

  private onData(chunk: Buffer): void {
    if (this.received === 0) {
      const n = Math.min(chunk.length, STATUS_200.length);
      if (chunk.compare(STATUS_200, 0, n, 0, n) !== 0) {
        this.fail(new Error(`raw socket: not a 200 response: ${chunk.toString('latin1', 0, 40)}`));
        return;
      }
    }
    this.received += chunk.length;
    this.chunks?.push(chunk);
    if (this.received >= this.total) {
      const resolve = this.resolve;
      this.resolve = this.reject = null;
      if (this.received > this.total)
        this.fail(new Error('raw socket: response longer than expected'));
      else resolve?.(this.chunks ?? this.received);
    }
  }

  private fail(error: Error): void {
    const reject = this.reject;
    this.resolve = this.reject = null;
    reject?.(error);
  }
}

function requestBuffer(spec: RequestSpec, target: Target): Buffer {
  let head = `${spec.method} ${spec.path} HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\n`;
  if (spec.gzip) head += 'Accept-Encoding: gzip\r\n';
  if (spec.body !== null) head += `Content-Length: ${spec.body.length}\r\n`;
  const parts: Buffer[] = [Buffer.from(head + '\r\n', 'latin1')];
  if (spec.body !== null) parts.push(spec.body);
  return Buffer.concat(parts);
}

/** Learns the full response length (head + Content-Length) and the head length. */
async function probe(spec: RequestSpec): Promise<{ total: number; headLength: number }> {
  const target = spec.targets[0];
  const conn = await FloorConnection.open(
    target,
    spec.tls === null ? null : { spec: spec.tls, session: undefined },
  );
  try {
    // Ask for just enough to see the head: the first chunk always holds it for our server.
    const request = requestBuffer(spec, target);
    const chunks = await new Promise<Buffer>((resolve, reject) => {
      let data: Buffer = Buffer.alloc(0);
      const onData = (chunk: Buffer): void => {
        data = Buffer.concat([data, chunk]);
        if (data.indexOf('\r\n\r\n') >= 0) {
          conn.socket.off('data', onData);
          resolve(data);
        }
      };
      conn.socket.prependListener('data', onData);
      conn.socket.once('error', reject);
      conn.socket.write(request);
    });
    const headLength = chunks.indexOf('\r\n\r\n') + 4;
    const match = /\r\ncontent-length: *(\d+)/i.exec(chunks.toString('latin1', 0, headLength));
    if (match === null) throw new Error('raw socket: probe response has no Content-Length');
    return { total: headLength + Number(match[1]), headLength };
  } finally {
    conn.socket.destroy();
  }
}

/** The raw-socket floor. */
export const rawSocket: ClientAdapter = {
  name: 'raw socket (floor)',
  level: 'floor',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const { total, headLength } = await probe(spec);
    const requests = new Map<number, Buffer>();
    // Map order is the LRU order: a used origin is re-inserted at the end.
    const idle = new Map<number, FloorConnection[]>();
    const perOrigin = spec.connectionsPerOrigin;
    const maxOrigins = spec.maxOrigins ?? Number.POSITIVE_INFINITY;
    const keep = spec.gzip;
    const tls: FloorTls | null = spec.tls === null ? null : { spec: spec.tls, session: undefined };
    const reuse = !spec.connectionClose;

    const release = (port: number, conn: FloorConnection): void => {
      let list = idle.get(port);
      if (list === undefined) {
        list = [];
        if (idle.size >= maxOrigins) {
          const [oldest, conns] = idle.entries().next().value as [number, FloorConnection[]];
          idle.delete(oldest);
          for (const c of conns) c.socket.destroy();
        }
      } else {
        idle.delete(port);
      }
      idle.set(port, list);
      if (list.length < perOrigin) list.push(conn);
      else conn.socket.destroy();
    };

    return {
      async request(target: Target): Promise<number> {
        let request = requests.get(target.port);
        if (request === undefined) {
          request = requestBuffer(spec, target);
          requests.set(target.port, request);
        }
        const conn =
          (reuse ? idle.get(target.port)?.pop() : undefined) ??
          (await FloorConnection.open(target, tls));
        const result = await conn.send(request, total, keep);
        if (reuse) release(target.port, conn);
        else conn.socket.destroy();
        if (typeof result === 'number') return result - headLength;
        return gunzipSync(Buffer.concat(result).subarray(headLength)).length;
      },
      async close(): Promise<void> {
        for (const list of idle.values()) for (const c of list) c.socket.destroy();
        idle.clear();
      },
    };
  },
};
