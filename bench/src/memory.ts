/**
 * Memory: RSS and V8 heap (+ external, array buffers) per idle kept-alive connection, with
 * `connections` connections to one origin in one pool, and per pool, with `pools` origins of one
 * connection each through a manager. Every measurement runs in its own fresh process
 * (memory-child.ts), started through `sh -c 'ulimit -n …'` so 10 000 sockets fit.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavgLine } from './environment.ts';
import { startServer } from './server/server-handle.ts';
import { short } from './stats.ts';
import { UNDICI_VERSION } from './undici.ts';

const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
const FD_LIMIT = 65536;

interface ChildReport {
  rss?: number;
  heap?: number;
  /** Connections the child opened besides the measured ones (its warm-up request). */
  extra?: number;
  error?: string;
}

interface Measured {
  rss: number;
  heap: number;
  /** Sockets open on the server while the child held its connections. */
  open: number;
}

const CLIENTS: Array<{ id: string; label: string; level: string }> = [
  { id: 'urlpool', label: 'urlpool', level: 'HTTPConnectionPool / PoolManager' },
  { id: 'undici', label: UNDICI_VERSION, level: 'Pool / Agent' },
  { id: 'node:http', label: 'node:http', level: 'Agent (keepAlive)' },
  { id: 'floor', label: 'raw socket (floor)', level: 'net.Socket' },
];

function measure(job: object, stats: () => Promise<{ open: number }>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const args = [
      '--expose-gc',
      '--conditions=@urlpool/source',
      '--import',
      'tsx',
      CHILD,
      JSON.stringify(job),
    ];
    const child = spawn(
      '/bin/sh',
      ['-c', `ulimit -n ${FD_LIMIT} 2>/dev/null; exec "$0" "$@"`, process.execPath, ...args],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`memory child exited (code ${code})`)));
    child.once('message', (m: ChildReport) => {
      if (m.error !== undefined || m.rss === undefined || m.heap === undefined) {
        reject(new Error(m.error ?? 'no report'));
        return;
      }
      const { rss, heap } = m;
      const extra = m.extra ?? 0;
      stats().then(({ open }) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve({ rss, heap, open: open - extra }));
        child.send('done');
      }, reject);
    });
  });
}

/** Runs every client in both modes and returns the Markdown section. */
export async function memorySection(connections: number, pools: number): Promise<string> {
  const server = await startServer(pools);
  const lines: string[] = [];
  try {
    const row = async (mode: 'connections' | 'pools', count: number): Promise<string[]> => {
      const out: string[] = [];
      for (const c of CLIENTS) {
        process.stderr.write(`memory: ${c.label}, ${count} ${mode}\n`);
        try {
          // Sockets of the previous child may still be closing on the server: wait them out.
          let baseOpen = (await server.stats()).open;
          for (let i = 0; i < 100 && baseOpen > 0; i++) {
            await new Promise((r) => setTimeout(r, 100));
            baseOpen = (await server.stats()).open;
          }
          const job = {
            client: c.id,
            mode,
            count,
            port: server.port,
            originPorts: server.originPorts,
          };
          const m = await measure(job, () => server.stats());
          const n = m.open - baseOpen;
          out.push(
            `| ${c.label} | ${c.level} | ${n} | ${short(m.rss / 1024 / n)} | ${short(m.heap / 1024 / n)} | ${short(m.rss / 1024 / 1024)} |`,
          );
        } catch (error) {
          out.push(
            `| ${c.label} | ${c.level} | n/a | ${String(error instanceof Error ? error.message : error).slice(0, 120)} | | |`,
          );
        }
      }
      return out;
    };
    const head =
      '| client | what holds them | idle connections (server count) | RSS KiB each | heap + external KiB each | RSS growth MiB |\n| --- | --- | ---: | ---: | ---: | ---: |';
    lines.push(
      `### memory: ${connections} idle kept-alive connections to one origin (one pool)`,
      '',
      loadavgLine(),
      '',
      head,
      ...(await row('connections', connections)),
      '',
      `### memory: ${pools} origins, one idle connection each (per pool: pool + connection)`,
      '',
      loadavgLine(),
      '',
      head,
      ...(await row('pools', pools)),
    );
  } finally {
    await server.stop();
  }
  return lines.join('\n');
}
