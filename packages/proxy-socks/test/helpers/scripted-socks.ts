import { type AddressInfo, createServer, isIPv4, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/** Reads exact byte counts from a socket (or a TLS socket on top of it). */
export class ExactReader {
  private buffered = Buffer.alloc(0);
  private wake: (() => void) | null = null;
  private ended = false;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake?.();
    });
    socket.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
    socket.on('error', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  async bytes(count: number): Promise<Buffer> {
    while (this.buffered.length < count) {
      if (this.ended) throw new Error(`peer ended with ${this.buffered.length}/${count} bytes`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
    const out = this.buffered.subarray(0, count);
    this.buffered = this.buffered.subarray(count);
    return out;
  }

  async byte(): Promise<number> {
    return (await this.bytes(1))[0]!;
  }

  /** Bytes up to a NUL (not included). */
  async cstring(): Promise<string> {
    const out: number[] = [];
    for (let b = await this.byte(); b !== 0; b = await this.byte()) out.push(b);
    return Buffer.from(out).toString('latin1');
  }

  /** Bytes up to and including an empty line (a request head). */
  async head(): Promise<string> {
    let text = '';
    while (!text.endsWith('\r\n\r\n')) text += (await this.bytes(1)).toString('latin1');
    return text;
  }

  /** Stops reading the raw socket (before a TLS socket takes it over). */
  detach(): void {
    this.socket.removeAllListeners('data');
    this.socket.pause();
    if (this.buffered.length > 0) this.socket.unshift(this.buffered);
    this.buffered = Buffer.alloc(0);
  }
}

/** What a scripted SOCKS5 client asked for. */
export interface Socks5Request {
  readonly methods: number[];
  readonly credentials: { username: string; password: string } | null;
  readonly command: number;
  readonly addressType: 'ipv4' | 'ipv6' | 'domain';
  readonly address: string;
  readonly port: number;
}

/** What a scripted SOCKS4(a) client asked for. */
export interface Socks4Request {
  readonly command: number;
  readonly userId: string;
  /** The dotted IPv4 address, or the name a SOCKS4a client sent. */
  readonly address: string;
  readonly socks4a: boolean;
  readonly port: number;
}

/**
 * Server side of a SOCKS5 negotiation (RFC 1928, RFC 1929), step by step as urllib3's test
 * handler does it: choose `password` or no authentication, check the credentials, read the
 * CONNECT, then grant or refuse it. Returns null once a refusal was sent.
 */
export async function negotiateSocks5(
  reader: ExactReader,
  options: { password?: { username: string; password: string }; grant?: boolean } = {},
): Promise<Socks5Request | null> {
  const { socket } = reader;
  if ((await reader.byte()) !== 5) throw new Error('not SOCKS5');
  const methods = [...(await reader.bytes(await reader.byte()))];
  let credentials: Socks5Request['credentials'] = null;
  if (options.password !== undefined) {
    socket.write(Buffer.from([5, 2]));
    if ((await reader.byte()) !== 1) throw new Error('bad auth subnegotiation version');
    const username = (await reader.bytes(await reader.byte())).toString('utf8');
    const password = (await reader.bytes(await reader.byte())).toString('utf8');
    credentials = { username, password };
    if (username !== options.password.username || password !== options.password.password) {
      socket.end(Buffer.from([1, 1]));
      return null;
    }
    socket.write(Buffer.from([1, 0]));
  } else {
    socket.write(Buffer.from([5, 0]));
  }
  const [version, command, reserved, type] = [...(await reader.bytes(4))];
  if (version !== 5 || reserved !== 0) throw new Error('bad SOCKS5 request');
  let address: string;
  let addressType: Socks5Request['addressType'];
  if (type === 1) {
    addressType = 'ipv4';
    address = [...(await reader.bytes(4))].join('.');
  } else if (type === 4) {
    addressType = 'ipv6';
    const raw = await reader.bytes(16);
    address = Array.from({ length: 8 }, (_, i) => raw.readUInt16BE(i * 2).toString(16)).join(':');
  } else {
    addressType = 'domain';
    address = (await reader.bytes(await reader.byte())).toString('latin1');
  }
  const port = (await reader.bytes(2)).readUInt16BE(0);
  if (options.grant === false) {
    socket.write(Buffer.from([5, 1, 0, 1, 0, 0, 0, 0, 0, 0]));
    return null;
  }
  // Granted; bound to 127.0.0.1:60000 (any address will do).
  socket.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0xea, 0x60]));
  return { methods, credentials, command: command!, addressType, address, port };
}

/**
 * Server side of a SOCKS4 or SOCKS4a CONNECT: reads it, then grants it (reply 90), refuses it
 * (91), or refuses a user id other than `userId` (93, "different user-ids").
 */
export async function negotiateSocks4(
  reader: ExactReader,
  options: { userId?: string; grant?: boolean } = {},
): Promise<Socks4Request | null> {
  const { socket } = reader;
  const [version, command] = [...(await reader.bytes(2))];
  if (version !== 4) throw new Error('not SOCKS4');
  const port = (await reader.bytes(2)).readUInt16BE(0);
  const ip = [...(await reader.bytes(4))];
  const userId = await reader.cstring();
  const socks4a = ip[0] === 0 && ip[1] === 0 && ip[2] === 0 && ip[3] !== 0;
  const address = socks4a ? await reader.cstring() : ip.join('.');
  if (options.userId !== undefined && options.userId !== userId) {
    socket.end(Buffer.from([0, 93, 0, 0, 0, 0, 0, 0]));
    return null;
  }
  if (options.grant === false) {
    socket.write(Buffer.from([0, 91, 0, 0, 0, 0, 0, 0]));
    return null;
  }
  socket.write(Buffer.from([0, 90, 0xea, 0x60, 127, 0, 0, 1]));
  return { command: command!, userId, address, socks4a, port };
}

/** The empty 200 urllib3's handlers answer with once the tunnel is up. */
export const EMPTY_OK = 'HTTP/1.1 200 OK\r\nServer: SocksTestServer\r\nContent-Length: 0\r\n\r\n';

/** A loopback listener whose connections `handle` scripts; errors are kept for the test. */
export interface ScriptedServer extends AsyncDisposable {
  readonly port: number;
  readonly errors: Error[];
  url(scheme: string, userinfo?: string): string;
}

export async function startScriptedServer(
  handle: (reader: ExactReader) => Promise<void>,
): Promise<ScriptedServer> {
  const sockets = new Set<Socket>();
  const errors: Error[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    handle(new ExactReader(socket)).catch((error: Error) => {
      errors.push(error);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port, address } = server.address() as AddressInfo;
  if (!isIPv4(address)) throw new Error('expected an IPv4 listener');
  return {
    port,
    errors,
    url: (scheme, userinfo) =>
      `${scheme}://${userinfo === undefined ? '' : `${userinfo}@`}127.0.0.1:${port}`,
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Wraps the raw socket of `reader` in server-side TLS and returns a reader of the clear text. */
export function acceptTls(reader: ExactReader, key: string, cert: string): ExactReader {
  reader.detach();
  const tls = new TLSSocket(reader.socket, { isServer: true, key, cert });
  return new ExactReader(tls);
}
