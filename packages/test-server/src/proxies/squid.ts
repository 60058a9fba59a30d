import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findExecutable,
  freePort,
  MissingServerError,
  spawnServer,
  stopServer,
  tailFile,
  waitForPort,
} from './external-process.ts';

/** Options of {@link startSquid}. */
export interface SquidOptions {
  /** Require Basic proxy authentication with these credentials (basic_ncsa_auth). */
  readonly auth?: { readonly username: string; readonly password: string };
  /**
   * Also listen with TLS (`https_port`, a proxy spoken to over TLS) using this certificate and
   * key (PEM file paths).
   */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /**
   * PEM file of the CA squid trusts when it makes TLS connections itself: for `https://` URLs
   * forwarded to it in absolute form (`useForwardingForHttps`).
   */
  readonly upstreamCaFile?: string;
}

/** A running squid; see {@link startSquid}. */
export interface Squid extends AsyncDisposable {
  /** `http://127.0.0.1:PORT` (plain listener). */
  readonly url: string;
  /** `https://localhost:PORT` when started with `tls`. */
  readonly httpsUrl: string | undefined;
  /** Plain listener port. */
  readonly port: number;
  /** TLS listener port, when started with `tls`. */
  readonly httpsPort: number | undefined;
  /** The access log so far (one line per request squid handled). */
  accessLog(): string;
  /** Stops squid and removes its directory. */
  close(): Promise<void>;
}

/** True when squid is installed (`squid-openssl` on Debian). */
export function hasSquid(): boolean {
  return findExecutable('squid') !== undefined && findNcsaAuth() !== undefined;
}

function findNcsaAuth(): string | undefined {
  for (const path of ['/usr/lib/squid/basic_ncsa_auth', '/usr/lib/squid3/basic_ncsa_auth']) {
    try {
      execFileSync('test', ['-x', path]);
      return path;
    } catch {}
  }
  return undefined;
}

/**
 * Starts squid in the foreground from a generated configuration in a fresh temporary directory:
 * listening on 127.0.0.1 only (ephemeral ports), forwarding and tunnelling only to loopback
 * destinations, no cache, optional Basic auth and an optional `https_port`. Throws
 * {@link MissingServerError} when squid is not installed.
 *
 * @example
 * ```ts
 * await using squid = await startSquid({ auth: { username: 'u', password: 'p' } });
 * const proxy = new ProxyManager(`http://u:p@127.0.0.1:${squid.port}`);
 * ```
 */
export async function startSquid(options: SquidOptions = {}): Promise<Squid> {
  const squid = findExecutable('squid');
  const ncsa = findNcsaAuth();
  if (squid === undefined || ncsa === undefined)
    throw new MissingServerError('squid', 'squid-openssl');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(squid, ncsa, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function launch(squid: string, ncsa: string, options: SquidOptions): Promise<Squid> {
  const dir = mkdtempSync(join(tmpdir(), 'urlpool-squid-'));
  // Run as root, squid drops to its cache_effective_user, which must write here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const httpsPort = options.tls === undefined ? undefined : await freePort();
  const lines = [
    `http_port 127.0.0.1:${port}`,
    ...(options.tls === undefined
      ? []
      : [
          `https_port 127.0.0.1:${httpsPort} tls-cert=${options.tls.certFile} tls-key=${options.tls.keyFile}`,
        ]),
    ...(options.upstreamCaFile === undefined
      ? []
      : [`tls_outgoing_options cafile=${options.upstreamCaFile}`]),
    `pid_filename ${join(dir, 'squid.pid')}`,
    `cache_log ${join(dir, 'cache.log')}`,
    `access_log stdio:${join(dir, 'access.log')}`,
    'cache_store_log none',
    `coredump_dir ${dir}`,
    'cache deny all',
    'cache_mem 8 MB',
    'memory_pools off',
    'netdb_filename none',
    'pinger_enable off',
    'logfile_rotate 0',
    'shutdown_lifetime 0 seconds',
    'visible_hostname urlpool-test-squid',
    'max_filedescriptors 4096',
    // Only loopback destinations: tests never send traffic elsewhere.
    'acl to_loopback dst 127.0.0.0/8 ::1',
    'http_access deny !to_loopback',
  ];
  if (options.auth !== undefined) {
    const htpasswd = join(dir, 'htpasswd');
    const hash = execFileSync('openssl', ['passwd', '-apr1', options.auth.password], {
      encoding: 'utf8',
    }).trim();
    writeFileSync(htpasswd, `${options.auth.username}:${hash}\n`, { mode: 0o644 });
    lines.push(
      `auth_param basic program ${ncsa} ${htpasswd}`,
      'auth_param basic realm urlpool-test',
      'acl authenticated proxy_auth REQUIRED',
      'http_access deny !authenticated',
    );
  }
  lines.push('http_access allow localhost', 'http_access deny all', '');
  const config = join(dir, 'squid.conf');
  writeFileSync(config, lines.join('\n'), { mode: 0o644 });
  const { child, output } = spawnServer(squid, ['-N', '-d', '1', '-f', config]);
  const describe = (): string =>
    `squid output: ${output()}\ncache.log: ${tailFile(join(dir, 'cache.log'))}`;
  const close = async (): Promise<void> => {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort('127.0.0.1', port, child, 20_000, describe);
    if (httpsPort !== undefined) await waitForPort('127.0.0.1', httpsPort, child, 20_000, describe);
  } catch (error) {
    await close();
    throw new Error(`squid ${(error as Error).message}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    httpsUrl: httpsPort === undefined ? undefined : `https://localhost:${httpsPort}`,
    port,
    httpsPort,
    accessLog: () => tailFile(join(dir, 'access.log'), 1_000_000),
    close,
    [Symbol.asyncDispose]: close,
  };
}
