/** Starts the bench server in its own process and talks to it over the IPC channel. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** CPU time the server process has used so far, and how many requests it has served. */
export interface ServerStats {
  cpu: NodeJS.CpuUsage;
  requests: number;
  /** Sockets open on the server right now. */
  open: number;
}

/** A running bench server. */
export interface ServerHandle {
  /** Port of the main listener (single-origin scenarios). */
  port: number;
  /** Ports of the extra listeners (many-origins scenario). */
  originPorts: number[];
  /** TLS listener (same paths), its certificate signed by the CA in `caFile`. */
  tlsPort: number;
  /** A CONNECT proxy (connect-proxy.ts) that tunnels to 127.0.0.1 ports only. */
  proxyPort: number;
  caFile: string;
  /** Asks the server process for its CPU usage and request count. */
  stats(): Promise<ServerStats>;
  /** Stops the server process. */
  stop(): Promise<void>;
}

interface ReadyMessage {
  type: 'ready';
  port: number;
  originPorts: number[];
  tlsPort: number;
  proxyPort: number;
  caFile: string;
}

interface StatsMessage extends ServerStats {
  type: 'stats';
}

/** Forks server-process.ts (through tsx, like the bench itself) and waits until it listens. */
export async function startServer(originCount?: number): Promise<ServerHandle> {
  const script = fileURLToPath(new URL('./server-process.ts', import.meta.url));
  const child: ChildProcess = fork(script, [], {
    // The server imports @urlpool/test-server (run-time certificates) from source, like the bench.
    execArgv: ['--conditions=@urlpool/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(originCount === undefined
      ? {}
      : { env: { ...process.env, BENCH_ORIGIN_COUNT: String(originCount) } }),
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited early (code ${code})`)));
    child.on('message', (message: ReadyMessage | StatsMessage) => {
      if (message.type === 'ready') resolve(message);
    });
  });
  child.removeAllListeners('exit');
  return {
    port: ready.port,
    originPorts: ready.originPorts,
    tlsPort: ready.tlsPort,
    proxyPort: ready.proxyPort,
    caFile: ready.caFile,
    stats(): Promise<ServerStats> {
      return new Promise((resolve) => {
        const onMessage = (message: ReadyMessage | StatsMessage): void => {
          if (message.type !== 'stats') return;
          child.off('message', onMessage);
          resolve({ cpu: message.cpu, requests: message.requests, open: message.open });
        };
        child.on('message', onMessage);
        child.send('stats');
      });
    },
    stop(): Promise<void> {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      });
    },
  };
}
