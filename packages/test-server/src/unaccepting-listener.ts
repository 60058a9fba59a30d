import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

/** A loopback listener whose accept queue is full; see {@link startUnacceptingListener}. */
export interface UnacceptingListener extends AsyncDisposable {
  /** Always `'127.0.0.1'`. */
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:port`. */
  readonly url: string;
  /** Kills the listener process and closes the sockets that fill its queue. Idempotent. */
  close(): Promise<void>;
}

// Binds, listens with the smallest backlog, prints the port, and never calls accept(). It
// exits when its stdin closes, so it cannot outlive the test process.
const PYTHON_SCRIPT = [
  'import socket, sys',
  's = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
  "s.bind(('127.0.0.1', 0))",
  's.listen(0)',
  'print(s.getsockname()[1], flush=True)',
  'sys.stdin.read()',
].join('\n');

const PROBE_MS = 200;
const MAX_FILL = 16;

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      const line = out.indexOf('\n');
      if (line === -1) return;
      child.stdout?.off('data', onData);
      const port = Number(out.slice(0, line).trim());
      if (Number.isInteger(port) && port > 0) resolve(port);
      else reject(new Error(`python3 listener printed no port: ${JSON.stringify(out)}`));
    };
    child.stdout?.on('data', onData);
    child.once('error', (error) =>
      reject(new Error(`could not start python3 for the unaccepting listener: ${error.message}`)),
    );
    child.once('exit', (code) =>
      reject(new Error(`python3 listener exited early (code ${code}) before printing its port`)),
    );
  });
}

/** Connects to 127.0.0.1:port; resolves true with the socket if it completes within `ms`. */
function probe(port: number, ms: number): Promise<{ connected: boolean; socket: Socket }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    const timer = setTimeout(() => resolve({ connected: false, socket }), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({ connected: true, socket });
    });
  });
}

/**
 * Starts a TCP listener on 127.0.0.1 whose accept queue is full, so new connection attempts
 * hang in SYN-SENT: the way to test connect timeouts without a real unreachable host. Needs
 * `python3` (node's `net.Server` always accepts). The queue is filled with client sockets of
 * this process, which `close()` destroys.
 *
 * @example
 * ```ts
 * await using blackhole = await startUnacceptingListener();
 * // a connect to blackhole.port now times out
 * ```
 */
export async function startUnacceptingListener(): Promise<UnacceptingListener> {
  const child = spawn('python3', ['-c', PYTHON_SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'] });
  const fillers: Socket[] = [];
  const kill = (): void => {
    for (const socket of fillers) socket.destroy();
    child.stdin?.end();
    child.kill('SIGKILL');
  };
  let port: number;
  try {
    port = await readPort(child);
    for (let i = 0; ; i++) {
      const { connected, socket } = await probe(port, PROBE_MS);
      if (!connected) {
        socket.destroy();
        break;
      }
      fillers.push(socket);
      if (i >= MAX_FILL) throw new Error(`accept queue of 127.0.0.1:${port} never filled up`);
    }
  } catch (error) {
    kill();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
      kill();
    });
    return closing;
  };
  return {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    close,
    [Symbol.asyncDispose]: close,
  };
}
