import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A module served by `deno serve` on a loopback port. */
export interface DenoServer {
  /** `http://127.0.0.1:PORT`, where the module's `fetch` handler answers. */
  readonly url: string;
  /** Stops Deno and removes its temporary directory. */
  close(): Promise<void>;
}

/**
 * The Deno binary that npm's `@deno/linux-x64-glibc` package ships (an optional dependency of
 * this package, installed on Linux x64), or null where it is not installed.
 */
export function denoPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('@deno/linux-x64-glibc/package.json')), 'deno');
  } catch {
    return null;
  }
}

/** True when the Deno binary is installed. */
export function hasDeno(): boolean {
  return denoPath() !== null;
}

/**
 * Serves `script` (an ES module, already bundled, whose default export has a `fetch(request)`
 * handler, the Deno Deploy and Workers shape) with `deno serve` on 127.0.0.1. Deno may only
 * use the network on 127.0.0.1 (`--allow-net=127.0.0.1`), reads no config, lock file or
 * remote module, never prompts, and keeps its cache in a temporary directory.
 */
export async function startDeno(script: string): Promise<DenoServer> {
  const deno = denoPath();
  if (deno === null) {
    throw new Error('Deno is missing: pnpm install adds it (@deno/linux-x64-glibc, Linux x64).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'urlpool-deno-'));
  writeFileSync(join(dir, 'server.js'), script);
  const child = spawn(
    deno,
    [
      'serve',
      '--host=127.0.0.1',
      '--port=0',
      '--allow-net=127.0.0.1',
      '--no-prompt',
      '--no-config',
      '--no-lock',
      '--no-remote',
      '--no-npm',
      'server.js',
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        DENO_DIR: join(dir, 'cache'),
        DENO_NO_UPDATE_CHECK: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    const url = await listeningUrl(child);
    return {
      url,
      close: async () => {
        await stop(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Waits for `deno serve: Listening on http://127.0.0.1:PORT/` and returns the origin. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error('Deno did not start listening in 15 s')), 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(match[1]!);
      }
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`Deno exited (${code}) before listening:\n${output}`));
    function fail(error: Error): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      reject(error);
    }
    // Both streams are read to the end, so Deno never blocks on a full pipe.
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
