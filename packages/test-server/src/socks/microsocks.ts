import { type ExternalProcess, requireCommand, startExternal } from './external-process.ts';

/** A running microsocks server; see {@link startMicrosocks}. */
export interface MicrosocksServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** `scheme://[userinfo@]host:port` (microsocks speaks SOCKS5 only). */
  url(scheme: 'socks5' | 'socks5h', userinfo?: string): string;
  /** Tunnels opened, from microsocks' "connected to" log lines. */
  readonly tunnels: number;
  /** microsocks' log lines. */
  readonly output: readonly string[];
  /** Stops microsocks. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts Debian's microsocks (SOCKS5 with RFC 1929 username/password) on a free 127.0.0.1
 * port. Outgoing connections are bound to 127.0.0.1 (`-b`), so it can reach loopback targets
 * only.
 */
export async function startMicrosocks(
  credentials: { username: string; password: string } = { username: 'user', password: 'pass' },
): Promise<MicrosocksServer> {
  const microsocks = requireCommand('microsocks', 'microsocks');
  const { username, password } = credentials;
  const proc: ExternalProcess = await startExternal(microsocks, (port) => [
    '-i',
    '127.0.0.1',
    '-p',
    String(port),
    '-u',
    username,
    '-P',
    password,
    '-b',
    '127.0.0.1',
  ]);
  const close = (): Promise<void> => proc.stop();
  return {
    host: '127.0.0.1',
    port: proc.port,
    username,
    password,
    url: (scheme, userinfo) =>
      `${scheme}://${userinfo === undefined ? '' : `${userinfo}@`}127.0.0.1:${proc.port}`,
    get tunnels() {
      return proc.output.filter((l) => /: connected to /.test(l)).length;
    },
    output: proc.output,
    close,
    [Symbol.asyncDispose]: close,
  };
}
