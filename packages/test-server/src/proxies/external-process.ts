import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/**
 * Finds an executable by name on PATH or in the sbin directories (Debian installs squid in
 * /usr/sbin, which is not on every user's PATH). Returns undefined when it is missing.
 */
export function findExecutable(name: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/usr/local/sbin', '/usr/local/bin']) {
    if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  try {
    const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    return found === '' ? undefined : found;
  } catch {
    return undefined;
  }
}

/**
 * A free loopback TCP port. Third-party servers take their port from a config file, not port 0,
 * so one is picked by binding port 0 and closing it (the tiny race is retried by the callers).
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no port'));
        else resolve(address.port);
      });
    });
  });
}

/** Resolves once `host:port` accepts TCP connections; rejects after `timeoutMs` or if `child` exits. */
export async function waitForPort(
  host: string,
  port: number,
  child: ChildProcess,
  timeoutMs: number,
  describeFailure: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `exited (${child.exitCode ?? child.signalCode}) before listening. ${describeFailure()}`,
      );
    }
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) {
      throw new Error(
        `did not listen on ${host}:${port} within ${timeoutMs} ms. ${describeFailure()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Spawns a server process in the foreground; its output is kept for error messages. */
export function spawnServer(
  command: string,
  args: readonly string[],
): {
  child: ChildProcess;
  output: () => string;
} {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

/** Stops a spawned server: SIGTERM, then SIGKILL after `graceMs`. */
export function stopServer(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The last `max` characters of a file, or '' when it cannot be read. */
export function tailFile(path: string, max = 2000): string {
  try {
    return readFileSync(path, 'utf8').slice(-max);
  } catch {
    return '';
  }
}

/**
 * Thrown when a required third-party server is not installed. Under `CI=true` the tests must
 * fail with it (CI installs everything through scripts/ensure-system-deps.mjs); elsewhere a test
 * may skip, saying so.
 */
export class MissingServerError extends Error {
  constructor(what: string, pkg: string) {
    super(
      `${what} is not installed: run \`node scripts/ensure-system-deps.mjs\` (Debian package ${pkg})`,
    );
    this.name = 'MissingServerError';
  }
}
