/**
 * `pnpm bench`: every client against the same local server in the same run, rounds interleaved,
 * Markdown tables of medians and ratios to undici.request. See bench/README.md for the method.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DanteServer, startDante } from '@urlpool/test-server';
import { type BenchOptions, parseOptions, USAGE } from './cli.ts';
import { ALL_CLIENTS, FLOOR, PEERS } from './clients/index.ts';
import { environment, loadavgLine } from './environment.ts';
import { memorySection } from './memory.ts';
import { ensureNode24 } from './node24.ts';
import { profileRun } from './profile.ts';
import { timedRun } from './runner.ts';
import { buildScenarios, SOCKS_SCENARIO } from './scenarios.ts';
import { type ServerHandle, startServer } from './server/server-handle.ts';
import { startupSection } from './startup.ts';
import { type ClientOutcome, renderScenario } from './table.ts';
import type { ClientAdapter, ClientInstance, Scenario } from './types.ts';
import { UNDICI_VERSION } from './undici.ts';

const CLOSE_TIMEOUT_MS = 5000;

// tsx turns on source-mapped stack traces; a client that reads `new Error().stack` per request
// (agent-base, under socks-proxy-agent, does to guess http vs https) would pay for mapping
// every frame, which it does not in production. Measure every client without it.
process.setSourceMapsEnabled(false);

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function closeQuietly(instance: ClientInstance): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    instance.close().catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
}

/** Sets up every client, warms each up, then runs `rounds` rotated rounds. */
async function runScenario(
  scenario: Scenario,
  clients: ClientAdapter[],
  options: BenchOptions,
  server: ServerHandle,
): Promise<ClientOutcome[]> {
  clients = clients.filter((c) =>
    scenario.clients === undefined ? c.onlyWhenListed !== true : scenario.clients.includes(c.name),
  );
  const outcomes: ClientOutcome[] = clients.map((c) => ({
    client: c.name,
    level: c.level,
    runs: [],
    error: null,
  }));
  const instances = new Map<number, ClientInstance>();
  const live = async (i: number, durationMs: number, keep: boolean): Promise<void> => {
    const instance = instances.get(i);
    if (instance === undefined) return;
    try {
      const result = await timedRun(clients[i].name, instance, scenario, durationMs, server);
      if (keep) outcomes[i].runs.push(result);
    } catch (error) {
      outcomes[i].error = `failed: ${reason(error)}`;
      instances.delete(i);
      await closeQuietly(instance);
    }
  };
  for (let i = 0; i < clients.length; i++) {
    try {
      instances.set(i, await clients[i].create(scenario.spec));
    } catch (error) {
      outcomes[i].error = `setup: ${reason(error)}`;
    }
  }
  log(`${scenario.name}: warm-up`);
  for (let i = 0; i < clients.length; i++) await live(i, options.warmupMs, false);
  for (let round = 0; round < options.rounds; round++) {
    log(`${scenario.name}: round ${round + 1}/${options.rounds}`);
    // Rotate the order every round so no client always runs first (cold) or right after another.
    for (let k = 0; k < clients.length; k++)
      await live((k + round) % clients.length, options.durationMs, true);
  }
  for (const instance of instances.values()) await closeQuietly(instance);
  return outcomes;
}

/** Sections that are not request scenarios. */
const SECTIONS = ['startup', 'memory'];

/** Runs this bench again under Node 24 (undici 8), streaming its output after ours. */
function runUnderNode24(argv: string[]): Promise<void> {
  const node = ensureNode24();
  const script = fileURLToPath(import.meta.url);
  const args = ['--expose-gc', '--conditions=@urlpool/source', '--import', 'tsx', script];
  const rest = argv.filter((a, i) => a !== '--node' && argv[i - 1] !== '--node');
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...args, ...rest, '--node', 'current'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the Node 24 run exited with code ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let options: BenchOptions;
  try {
    options = parseOptions(argv, process.env);
  } catch (error) {
    log(`${reason(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (options.runtimes.includes('current')) await runHere(options);
  if (options.runtimes.includes('24')) await runUnderNode24(argv);
}

async function runHere(options: BenchOptions): Promise<void> {
  const server = await startServer();
  let dante: DanteServer | null = null;
  const write = (text: string): void => {
    process.stdout.write(`${text}\n\n`);
  };
  try {
    // The SOCKS scenario goes through a real proxy, Debian's dante, in its own processes.
    if (options.scenarios === null || options.scenarios.includes(SOCKS_SCENARIO)) {
      try {
        dante = await startDante();
      } catch (error) {
        log(`${SOCKS_SCENARIO} skipped: ${reason(error)}`);
      }
    }
    let scenarios = buildScenarios(server, dante === null ? null : dante.url('socks5'));
    let sections = SECTIONS;
    if (options.scenarios !== null) {
      const wanted = options.scenarios;
      const unknown = wanted.filter(
        (n) => !scenarios.some((s) => s.name === n) && !SECTIONS.includes(n),
      );
      if (unknown.length > 0) {
        throw new Error(
          `unknown scenario ${unknown.join(', ')}; use ${[...scenarios.map((s) => s.name), ...SECTIONS].join(', ')}`,
        );
      }
      scenarios = scenarios.filter((s) => wanted.includes(s.name));
      sections = SECTIONS.filter((s) => wanted.includes(s));
    }
    const clients =
      options.clients === null
        ? ALL_CLIENTS
        : ALL_CLIENTS.filter((c) => options.clients?.includes(c.name));
    if (options.profile !== null) {
      await profileRun(clients[0], scenarios[0], options, server);
      return;
    }
    write(`## Node ${process.version} with ${UNDICI_VERSION}\n\n${environment(options)}`);
    const results: Array<{ scenario: string; outcomes: ClientOutcome[] }> = [];
    for (const scenario of scenarios) {
      const outcomes = await runScenario(scenario, clients, options, server);
      results.push({ scenario: scenario.name, outcomes });
      write(
        `${renderScenario(scenario, outcomes, {
          peers: { ...PEERS, ...scenario.peers },
          floor: FLOOR,
        })}\n\n${loadavgLine()}`,
      );
    }
    if (sections.includes('startup')) {
      write(await startupSection(options.startupRounds, `http://127.0.0.1:${server.port}/small`));
    }
    if (sections.includes('memory')) write(await memorySection(options.connections, options.pools));
    if (options.json !== null) {
      const file =
        options.runtimes.length > 1 || process.version.startsWith('v24.')
          ? options.json.replace(/(\.json)?$/, `-node${process.versions.node.split('.')[0]}.json`)
          : options.json;
      writeFileSync(file, JSON.stringify({ env: environment(options), results }, null, 2));
    }
  } finally {
    await dante?.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
