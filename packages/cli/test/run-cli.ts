import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const CWD = fileURLToPath(new URL('..', import.meta.url));
/** The real bin, run from source: node resolves @urlpool/* to TypeScript through tsx. */
const NODE_ARGS = ['--conditions=@urlpool/source', '--import', 'tsx', BIN];

/** What one run of the bin did. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

const PROXY_VARIABLES = /^(https?|all|no)_proxy$/i;

/** The test process's environment without proxy variables (a machine's proxy must not apply). */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const [name, value] of Object.entries(process.env)) {
    if (!PROXY_VARIABLES.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

function collect(
  command: string,
  args: readonly string[],
  stdin?: string | Buffer,
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: CWD,
      env: cleanEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(stdin ?? '');
  });
}

/**
 * Runs `urlpool ARGS` with pipes for stdin, stdout and stderr (no terminal), in this process's
 * environment minus proxy variables, plus `env`.
 */
export function runCli(
  args: readonly string[],
  stdin?: string | Buffer,
  env?: NodeJS.ProcessEnv,
): Promise<CliRun> {
  return collect(process.execPath, [...NODE_ARGS, ...args], stdin, env);
}

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs `urlpool ARGS` under a pseudo-terminal (util-linux `script`), so stdout and stderr are
 * a TTY; both arrive on `stdout`, terminal escapes included.
 */
export function runCliInTerminal(args: readonly string[]): Promise<CliRun> {
  const command = [process.execPath, ...NODE_ARGS, ...args].map(shellQuote).join(' ');
  return collect('script', ['-qec', command, '/dev/null']);
}
