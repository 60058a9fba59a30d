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

/** A running tinyproxy; see {@link startTinyproxy}. */
export interface Tinyproxy extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** tinyproxy's log so far (one line per connection and request at `Info` level). */
  log(): string;
  close(): Promise<void>;
}

/** True when tinyproxy is installed. */
export function hasTinyproxy(): boolean {
  return findExecutable('tinyproxy') !== undefined;
}

/**
 * Starts tinyproxy in the foreground on 127.0.0.1 (an ephemeral port) from a generated
 * configuration in a fresh temporary directory: clients from loopback only, and a default-deny
 * filter that lets it reach only `localhost`, `127.x.x.x` and `::1`. Throws
 * {@link MissingServerError} when tinyproxy is not installed.
 */
export async function startTinyproxy(): Promise<Tinyproxy> {
  const tinyproxy = findExecutable('tinyproxy');
  if (tinyproxy === undefined) throw new MissingServerError('tinyproxy', 'tinyproxy');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(tinyproxy);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function launch(tinyproxy: string): Promise<Tinyproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'urlpool-tinyproxy-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const filter = join(dir, 'filter');
  // Matched against the destination host (FilterURLs off); everything else is denied.
  writeFileSync(filter, '^localhost$\n^127\\.[0-9.]+$\n^::1$\n^\\[::1\\]$\n', { mode: 0o644 });
  const log = join(dir, 'tinyproxy.log');
  const lines = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 60',
    `PidFile "${join(dir, 'tinyproxy.pid')}"`,
    `LogFile "${log}"`,
    'LogLevel Info',
    'MaxClients 64',
    'Allow 127.0.0.1',
    `Filter "${filter}"`,
    'FilterExtended On',
    'FilterDefaultDeny Yes',
    'DisableViaHeader Yes',
    // No ConnectPort line: CONNECT is allowed to any port (of the loopback hosts above).
    '',
  ];
  if (process.getuid?.() === 0) lines.unshift('User nobody', 'Group nogroup');
  const config = join(dir, 'tinyproxy.conf');
  writeFileSync(config, lines.join('\n'), { mode: 0o644 });
  const { child, output } = spawnServer(tinyproxy, ['-d', '-c', config]);
  const close = async (): Promise<void> => {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(
      '127.0.0.1',
      port,
      child,
      10_000,
      () => `output: ${output()}\nlog: ${tailFile(log)}`,
    );
  } catch (error) {
    await close();
    throw new Error(`tinyproxy ${(error as Error).message}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log: () => tailFile(log, 1_000_000),
    close,
    [Symbol.asyncDispose]: close,
  };
}
