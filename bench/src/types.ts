/** Shapes shared by scenarios, client adapters and the runner. */

/** One origin of the bench server. */
export interface Target {
  host: string;
  port: number;
  /** `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>` */
  origin: string;
}

/** TLS settings of an https scenario: the server's certificate is signed by this CA. */
export interface TlsSpec {
  /** PEM file of the CA (urlpool's `caCerts`). */
  caFile: string;
  /** The same CA, PEM text (undici's and node:https's `ca`). */
  ca: string;
}

/** What one scenario asks every client to do, so each adapter can prepare once. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  /** Request body (POST), or null. */
  body: Buffer | null;
  /** Ask for gzip and decode it; the decoded byte count is what is checked. */
  gzip: boolean;
  /** Stream the body chunk by chunk; never hold it whole. */
  stream: boolean;
  /** https targets (signed by this CA), or null for plain http. */
  tls: TlsSpec | null;
  /**
   * The server answers `Connection: close` and closes after each response, so every request
   * pays a new connection (and, with `tls`, a handshake, resumed from a cached session).
   */
  connectionClose: boolean;
  /** Origins requests are spread over (1, or ORIGIN_COUNT for the many-origins scenarios). */
  targets: Target[];
  /** Connection limit per origin (= concurrency for single-origin scenarios). */
  connectionsPerOrigin: number;
  /** Origins a client may keep pools/sockets for at once (null: no limit). */
  maxOrigins: number | null;
  /** Body bytes (decoded) a correct client reads for each request. */
  expectedBytes: number;
  /** Send every request through this SOCKS5 proxy (`socks5://127.0.0.1:PORT`). */
  socksProxy?: string | undefined;
  /**
   * Send every request through this HTTP proxy (`http://127.0.0.1:PORT`), tunnelled with
   * CONNECT: the targets are then `https://` (see `tls`).
   */
  httpProxy?: string | undefined;
}

/** A client prepared for one scenario (its agent/pool/sockets live here). */
export interface ClientInstance {
  /**
   * Makes one request to `target`; resolves with the number of (decoded) body bytes read.
   * Must throw if the status is not 200.
   */
  request(target: Target): Promise<number>;
  /** Closes every connection the instance holds. */
  close(): Promise<void>;
}

/**
 * Which level of API a row measures, so like is compared with like: `pool` is one origin's
 * connection pool called with a path (urlpool's HTTPConnectionPool, undici's Pool); `manager`
 * takes full URL strings and routes them to pools (urlpool's PoolManager, undici.request with
 * an Agent, fetch, node:http with an Agent, axios, got); `floor` is raw sockets.
 */
export type Level = 'pool' | 'manager' | 'floor';

/** A client under test. */
export interface ClientAdapter {
  /** Row label in the table, e.g. `undici.request`. */
  name: string;
  level: Level;
  /** Runs only in scenarios that list it in `Scenario.clients` (e.g. a SOCKS-only client). */
  onlyWhenListed?: boolean;
  /** Prepares the client for one scenario; throwing here marks the client n/a for it. */
  create(spec: RequestSpec): Promise<ClientInstance>;
}

/** A scenario: the request, how many requests run at once, and how results are shown. */
export interface Scenario {
  name: string;
  description: string;
  concurrency: number;
  /** `req/s` or `MB/s` in the table (MB = 10^6 bytes of decoded body). */
  unit: 'req/s' | 'MB/s';
  /** Sample RSS during runs and report the peak. */
  trackRss: boolean;
  spec: RequestSpec;
  /** The clients that run it (default: every client not `onlyWhenListed`). */
  clients?: readonly string[];
  /** Peers for this scenario's levels where they differ from the usual ones. */
  peers?: Partial<Record<Level, string>>;
  /** Picks the target of request number `i` (deterministic, identical for every client). */
  pickTarget(i: number): Target;
}

/** What one timed run of one client measured. */
export interface RunResult {
  requests: number;
  /** Requests the server answered during the run (at least `requests`). */
  serverRequests: number;
  bytes: number;
  elapsedMs: number;
  /** Client process CPU time (user + system) during the run, in microseconds. */
  cpuMicros: number;
  /** Server process CPU time during the run, in microseconds. */
  serverCpuMicros: number;
  /** Peak RSS sampled during the run (bytes), and RSS right before it, when tracked. */
  peakRss: number | null;
  baseRss: number | null;
}
