import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExternalProcess, requireCommand, startExternal } from './external-process.ts';

/** Options of {@link startDante}. */
export interface DanteOptions {
  /**
   * Target ports the proxy refuses by rule (SOCKS5 reply 0x02 "connection not allowed by
   * ruleset", SOCKS4 reply 91), to test refusals by a real server.
   */
  blockedPorts?: readonly number[];
}

/** A running Dante SOCKS server; see {@link startDante}. */
export interface DanteServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** `scheme://host:port` (dante speaks socks4 and socks5/socks5h; not socks4a). */
  url(scheme: 'socks4' | 'socks5' | 'socks5h'): string;
  /** CONNECT requests dante passed (one per tunnel), from its `log: connect` lines. */
  readonly tunnels: number;
  /** Requests dante refused by rule. */
  readonly blocked: number;
  /** dante's log lines. */
  readonly output: readonly string[];
  /** Stops dante and removes its configuration. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts Debian's Dante server (`danted`, package dante-server) on a free 127.0.0.1 port,
 * without authentication, forwarding only to loopback targets (127.0.0.0/8 and ::1) from
 * loopback clients: every other destination is refused by its rules.
 * Runs in the foreground with one process set and logs every connect to stderr. As root (CI),
 * dante's privileged/unprivileged users are root/nobody.
 */
export async function startDante(options: DanteOptions = {}): Promise<DanteServer> {
  const danted = requireCommand('danted', 'dante-server');
  const dir = mkdtempSync(join(tmpdir(), 'urlpool-dante-'));
  const config = join(dir, 'danted.conf');
  const asRoot = process.getuid?.() === 0;
  const blockRules = (options.blockedPorts ?? []).map(
    (p) => `socks block { from: 127.0.0.0/8 to: 0.0.0.0/0 port = ${p} log: connect }
socks block { from: 127.0.0.0/8 to: ::/0 port = ${p} log: connect }`,
  );
  const writeConfig = (port: number): string => {
    writeFileSync(
      config,
      `logoutput: stderr
internal: 127.0.0.1 port = ${port}
external: lo
socksmethod: none
clientmethod: none
${asRoot ? 'user.privileged: root\nuser.unprivileged: nobody\n' : ''}
client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
${blockRules.join('\n')}
socks pass {
  from: 127.0.0.0/8 to: 127.0.0.0/8
  command: connect
  log: connect
}
socks pass {
  from: 127.0.0.0/8 to: ::1/128
  command: connect
  log: connect
}
socks block { from: 0.0.0.0/0 to: 0.0.0.0/0 log: connect }
socks block { from: 0.0.0.0/0 to: ::/0 log: connect }
`,
    );
    return config;
  };
  let proc: ExternalProcess;
  try {
    proc = await startExternal(danted, (port) => ['-f', writeConfig(port), '-N', '1']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const count = (pattern: RegExp): number => proc.output.filter((l) => pattern.test(l)).length;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= proc.stop().finally(() => rmSync(dir, { recursive: true, force: true }));
    return closing;
  };
  return {
    host: '127.0.0.1',
    port: proc.port,
    url: (scheme) => `${scheme}://127.0.0.1:${proc.port}`,
    get tunnels() {
      return count(/\bpass\(\d+\): tcp\/connect \[: /);
    },
    get blocked() {
      return count(/\bblock\(\d+\): tcp\/connect \]: /);
    },
    output: proc.output,
    close,
    [Symbol.asyncDispose]: close,
  };
}
