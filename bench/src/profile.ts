/** `--profile CLIENT`: one client, one scenario, one long run under the V8 CPU profiler. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './cli.ts';
import { topFunctions } from './profile-summary.ts';
import { timedRun } from './runner.ts';
import type { ServerHandle } from './server/server-handle.ts';
import { summarize } from './table.ts';
import type { ClientAdapter, Scenario } from './types.ts';

/**
 * Warms the client up, then profiles exactly the measured run (setup and warm-up excluded).
 * The server runs in another process, so the profile holds only client work.
 */
export async function profileRun(
  client: ClientAdapter,
  scenario: Scenario,
  options: BenchOptions,
  server: ServerHandle,
): Promise<void> {
  const instance = await client.create(scenario.spec);
  const session = new Session();
  try {
    await timedRun(client.name, instance, scenario, options.warmupMs, server);
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const run = await timedRun(client.name, instance, scenario, options.durationMs, server);
    const { profile } = await session.post('Profiler.stop');
    const dir = fileURLToPath(new URL('../profiles/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = `${dir}${client.name.replace(/[^a-z0-9.]+/gi, '_')}-${scenario.name}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    const s = summarize(scenario, [run]);
    process.stdout.write(
      `${client.name} ${scenario.name}: ${s.throughput.toFixed(0)} ${scenario.unit}, ` +
        `${s.cpuPerRequest.toFixed(1)} µs CPU/req (profiler on)\nprofile: ${file}\n` +
        'open it in Chrome DevTools (Performance tab) or https://www.speedscope.app\n' +
        `\nself time, top functions:\n${topFunctions(profile)}\n`,
    );
  } finally {
    session.disconnect();
    await instance.close();
  }
}
