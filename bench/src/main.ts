/**
 * `pnpm bench`: every client against the same local server in the same run, rounds interleaved,
 * Markdown tables of medians and ratios to undici.request. See bench/README.md for the method.
 */
import { writeFileSync } from 'node:fs';
import { type DanteServer, startDante } from '@urlpool/test-server';
import { type BenchOptions, parseOptions, USAGE } from './cli.ts';
import { ALL_CLIENTS, BASELINE } from './clients/index.ts';
import { environment } from './environment.ts';
import { profileRun } from './profile.ts';
import { timedRun } from './runner.ts';
import { buildScenarios, SOCKS_SCENARIO } from './scenarios.ts';
import { type ServerHandle, startServer } from './server/server-handle.ts';
import { type ClientOutcome, renderScenario } from './table.ts';
import type { ClientAdapter, ClientInstance, Scenario } from './types.ts';

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
  const outcomes: ClientOutcome[] = clients.map((c) => ({ client: c.name, runs: [], error: null }));
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

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    log(`${reason(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const server = await startServer();
  let dante: DanteServer | null = null;
  try {
    // The SOCKS scenario goes through a real proxy, Debian's dante, in its own processes.
    if (options.scenarios === null || options.scenarios.includes(SOCKS_SCENARIO)) {
      try {
        dante = await startDante();
      } catch (error) {
        log(`${SOCKS_SCENARIO} skipped: ${reason(error)}`);
      }
    }
    let scenarios = buildScenarios(
      server.port,
      server.originPorts,
      dante === null ? null : dante.url('socks5'),
    );
    if (options.scenarios !== null) {
      const wanted = options.scenarios;
      const unknown = wanted.filter((n) => !scenarios.some((s) => s.name === n));
      if (unknown.length > 0) {
        throw new Error(
          `unknown scenario ${unknown.join(', ')}; use ${scenarios.map((s) => s.name).join(', ')}`,
        );
      }
      scenarios = scenarios.filter((s) => wanted.includes(s.name));
    }
    const clients =
      options.clients === null
        ? ALL_CLIENTS
        : ALL_CLIENTS.filter((c) => options.clients?.includes(c.name));
    if (options.profile !== null) {
      await profileRun(clients[0], scenarios[0], options, server);
      return;
    }
    const results: Array<{ scenario: string; outcomes: ClientOutcome[] }> = [];
    const tables: string[] = [];
    for (const scenario of scenarios) {
      const outcomes = await runScenario(scenario, clients, options, server);
      results.push({ scenario: scenario.name, outcomes });
      tables.push(renderScenario(scenario, outcomes, scenario.baseline ?? BASELINE));
    }
    const env = environment(options);
    process.stdout.write(`${env}\n\n${tables.join('\n\n')}\n`);
    if (options.json !== null)
      writeFileSync(options.json, JSON.stringify({ env, results }, null, 2));
  } finally {
    await dante?.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
