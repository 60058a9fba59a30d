import { lookup } from 'node:dns/promises';
import { type AddressInfo, connect, createServer, isIP, type Socket } from 'node:net';
import { ConnectionTracker } from '../connection-tracker.ts';
import { ByteReader } from './byte-reader.ts';
import {
  failureReply,
  isLoopbackAddress,
  readSocksRequest,
  type SocksConnectRequest,
  type SocksStage,
  successReply,
} from './socks-handshake.ts';

/** Options of {@link startSocksServer}. */
export interface SocksServerOptions {
  /** Loopback address to listen on. @default '127.0.0.1' */
  host?: string;
  /** SOCKS versions served (SOCKS4 includes 4a). @default [4, 5] */
  versions?: ReadonlyArray<4 | 5>;
  /**
   * Require SOCKS5 username/password authentication (RFC 1929) with these credentials; SOCKS4
   * requests must then carry `username` as their user id.
   */
  auth?: { username: string; password: string };
  /** Refuse every CONNECT with this reply code (SOCKS5 REP 1-8, or SOCKS4 91-93). */
  refuse?: { socks5?: number; socks4?: number };
  /** Never answer once this stage starts (the client must time out). */
  stallAt?: SocksStage;
  /** Wait this long before granting a CONNECT (a slow proxy). @default 0 */
  replyDelayMs?: number;
  /** Reset the connection once the client sent the first byte of this stage. */
  resetAt?: SocksStage;
}

/** A CONNECT request as the server received it, and the client address it came from. */
export interface SocksServerRequest extends SocksConnectRequest {
  /** The client's address (what a `sourceAddress` option binds). */
  readonly clientAddress: string | undefined;
}

/** A running SOCKS server; see {@link startSocksServer}. */
export interface SocksServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** `scheme://[user:pass@]host:port` for this server. */
  url(scheme: 'socks4' | 'socks4a' | 'socks5' | 'socks5h', userinfo?: string): string;
  /** CONNECT requests received, in order (including refused ones). */
  readonly requests: readonly SocksServerRequest[];
  /** Tunnels established (CONNECT granted and the target reached). */
  readonly tunnels: number;
  /** Client connections accepted since the start or `resetStats()`. */
  readonly totalConnections: number;
  /** Client connections open now. */
  readonly openConnections: number;
  /** Clears `requests`, `tunnels` and `totalConnections`. */
  resetStats(): void;
  /** Resolves once `count` client connections are open. */
  waitForOpenConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Destroys every open connection (both sides of every tunnel) but keeps listening. */
  destroyConnections(): Promise<void>;
  /** Destroys every connection (both sides of every tunnel) and stops listening. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a SOCKS4, SOCKS4a and SOCKS5 server on a free loopback port (CONNECT only). It
 * resolves names sent by socks4a/socks5h clients itself and forwards only to loopback
 * addresses (127.0.0.0/8, ::1): anything else is refused as "not allowed by ruleset".
 * Fault options refuse with a given reply code, stall, or reset mid-negotiation.
 *
 * Debian's dante and microsocks cover SOCKS4, SOCKS5 and authentication; this server exists
 * for SOCKS4a (which they lack) and for faults a real server cannot be made to produce.
 *
 * @example
 * ```ts
 * await using socks = await startSocksServer({ auth: { username: 'u', password: 'p' } });
 * const proxy = new SOCKSProxyManager(socks.url('socks4a'));
 * ```
 */
export async function startSocksServer(options: SocksServerOptions = {}): Promise<SocksServer> {
  const host = options.host ?? '127.0.0.1';
  const versions = new Set<4 | 5>(options.versions ?? [4, 5]);
  const tracker = new ConnectionTracker();
  const upstreams = new Set<Socket>();
  const requests: SocksServerRequest[] = [];
  let tunnels = 0;
  const stalled = new Promise<boolean>(() => {});

  const handle = async (client: Socket): Promise<void> => {
    const reader = new ByteReader(client);
    const write = (bytes: Buffer): void => {
      if (!client.destroyed) client.write(bytes);
    };
    const atStage = async (stage: SocksStage): Promise<boolean> => {
      if (options.stallAt === stage) return stalled;
      if (options.resetAt === stage) {
        // Mid-message: the client has started sending this stage's bytes.
        await reader.read(1).catch(() => {});
        client.resetAndDestroy();
        return false;
      }
      return true;
    };
    const request = await readSocksRequest(reader, write, {
      versions,
      auth: options.auth,
      atStage,
    });
    if (request === null) return;
    if ('failed' in request) {
      if (request.failed === 'user id not allowed') write(failureReply(4, 93));
      else if (request.failed.startsWith('address type')) write(failureReply(5, 8));
      client.end();
      return;
    }
    requests.push({ ...request, clientAddress: client.remoteAddress });
    const refuse = request.version === 4 ? options.refuse?.socks4 : options.refuse?.socks5;
    const notAllowed = request.version === 4 ? 91 : 2;
    if (refuse !== undefined || request.command !== 1) {
      write(failureReply(request.version, refuse ?? (request.version === 4 ? 91 : 7)));
      client.end();
      return;
    }
    let address = request.host;
    if (isIP(address) === 0) {
      try {
        address = (await lookup(address)).address;
      } catch {
        write(failureReply(request.version, request.version === 4 ? 91 : 4));
        client.end();
        return;
      }
    }
    if (!isLoopbackAddress(address)) {
      write(failureReply(request.version, notAllowed));
      client.end();
      return;
    }
    const upstream = connect({ host: address, port: request.port });
    upstreams.add(upstream);
    upstream.once('close', () => {
      upstreams.delete(upstream);
      client.destroy();
    });
    let connected = false;
    upstream.on('error', () => {
      if (!connected) write(failureReply(request.version, request.version === 4 ? 91 : 5));
      client.end();
    });
    client.once('close', () => upstream.destroy());
    upstream.once('connect', async () => {
      connected = true;
      tunnels++;
      if (options.replyDelayMs) await new Promise((r) => setTimeout(r, options.replyDelayMs));
      if (client.destroyed) return;
      write(successReply(request.version));
      const early = reader.detach();
      if (early.length > 0) upstream.write(early);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  };

  const server = createServer((client) => {
    client.setNoDelay(true);
    handle(client).catch(() => client.destroy());
  });
  tracker.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const bracketed = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const upstream of upstreams) upstream.destroy();
      await tracker.destroyAll();
      await stopped;
    })();
    return closing;
  };
  return {
    host,
    port,
    url: (scheme, userinfo) =>
      `${scheme}://${userinfo === undefined ? '' : `${userinfo}@`}${bracketed}:${port}`,
    requests,
    get tunnels() {
      return tunnels;
    },
    get totalConnections() {
      return tracker.total;
    },
    get openConnections() {
      return tracker.sockets.size;
    },
    resetStats() {
      requests.length = 0;
      tunnels = 0;
      tracker.reset();
    },
    destroyConnections: () => {
      for (const upstream of upstreams) upstream.destroy();
      return tracker.destroyAll();
    },
    waitForOpenConnections: (count, timeoutMs = 5000) =>
      tracker.waitFor((open) => open === count, timeoutMs),
    close,
    [Symbol.asyncDispose]: close,
  };
}
