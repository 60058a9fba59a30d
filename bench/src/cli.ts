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
  /** Write the raw results as JSON to this path. */
  json: string | null;
  help: boolean;
}

/** Usage text for `--help`. */
export const USAGE = `pnpm bench [-- options]

  --scenario a,b     scenarios to run (small-c1, small-c32, post-c16, stream-64m, gzip-1m, origins-200,
                     socks5-c8)
  --clients a,b      clients to run (urlpool, undici, fetch, node, axios, got,
                     socks-proxy-agent, floor)
  --rounds N         measured rounds, each running every client once in a rotated order (default 7)
  --duration MS      length of each timed run (default 500)
  --warmup MS        untimed warm-up run per client and scenario (default 2500: undici.request needs
                     about 2 s of requests before its JIT reaches steady state)
  --quick            3 rounds of 200 ms (also BENCH_QUICK=1)
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
    json: values.json ?? null,
    help: values.help === true,
  };
}
