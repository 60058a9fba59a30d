import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** Throws a message saying how to install `command` when it is not on PATH. */
export function requireCommand(command: string, aptPackage: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      `${command} is not installed: run \`node scripts/ensure-system-deps.mjs\` (apt package ${aptPackage})`,
    );
  }
}

/** A free loopback TCP port (bound, then released; {@link startExternal} retries on a race). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A server process started by {@link startExternal}. */
export interface ExternalProcess {
  readonly port: number;
  /** Everything the process wrote to stdout and stderr, split into lines. */
  readonly output: string[];
  /** Stops the process (SIGTERM, then SIGKILL after 2 s); resolves once it exited. */
  stop(): Promise<void>;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts `command args(port)` on a free loopback port and resolves once the port accepts
 * connections. Retries with another port if the process exits first (say, the port was taken).
 */
export async function startExternal(
  command: string,
  args: (port: number) => string[],
  host = '127.0.0.1',
): Promise<ExternalProcess> {
  let lastOutput: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort(host);
    const output: string[] = [];
    const child: ChildProcess = spawn(command, args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
    let exited = false;
    const exit = new Promise<void>((resolve) =>
      child.once('exit', () => {
        exited = true;
        resolve();
      }),
    );
    child.once('error', () => {});
    const collect = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') output.push(line);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline && !(await canConnect(host, port))) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const stop = async (): Promise<void> => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exit;
        clearTimeout(timer);
      }
    };
    if (!exited && Date.now() < deadline) return { port, output, stop };
    await stop();
    lastOutput = output;
  }
  throw new Error(`${command} did not start listening:\n${lastOutput.join('\n')}`);
}
