/** Turns run results into the Markdown tables the bench prints. */
import { median, short } from './stats.ts';
import type { RunResult, Scenario } from './types.ts';

/** Results of one client on one scenario: its runs, or why it could not run. */
export interface ClientOutcome {
  client: string;
  runs: RunResult[];
  /** Set when the client was skipped or failed (the table shows n/a and this reason). */
  error: string | null;
}

/** Medians of one client's runs on one scenario. */
export interface Summary {
  throughput: number;
  min: number;
  max: number;
  cpuPerRequest: number;
  serverCpuPerRequest: number;
  peakRssMiB: number | null;
  rssGrowthMiB: number | null;
}

const MIB = 1024 * 1024;

/** Requests per second, or decoded body MB (10^6 bytes) per second. */
export function throughput(unit: Scenario['unit'], run: RunResult): number {
  const seconds = run.elapsedMs / 1000;
  return unit === 'req/s' ? run.requests / seconds : run.bytes / 1e6 / seconds;
}

/** Median throughput, its range, and median CPU/RSS figures over the runs. */
export function summarize(scenario: Scenario, runs: RunResult[]): Summary {
  const tp = runs.map((r) => throughput(scenario.unit, r));
  const tracked = runs.filter((r) => r.peakRss !== null && r.baseRss !== null);
  return {
    throughput: median(tp),
    min: Math.min(...tp),
    max: Math.max(...tp),
    cpuPerRequest: median(runs.map((r) => r.cpuMicros / r.requests)),
    serverCpuPerRequest: median(runs.map((r) => r.serverCpuMicros / r.requests)),
    peakRssMiB: tracked.length > 0 ? median(tracked.map((r) => (r.peakRss ?? 0) / MIB)) : null,
    rssGrowthMiB:
      tracked.length > 0
        ? median(tracked.map((r) => ((r.peakRss ?? 0) - (r.baseRss ?? 0)) / MIB))
        : null,
  };
}

/** One Markdown table for a scenario; ratios are to the `baseline` client's median. */
export function renderScenario(
  scenario: Scenario,
  outcomes: ClientOutcome[],
  baseline: string,
): string {
  const summaries = new Map<string, Summary>();
  for (const o of outcomes) {
    if (o.error === null && o.runs.length > 0) summaries.set(o.client, summarize(scenario, o.runs));
  }
  const base = summaries.get(baseline)?.throughput ?? Number.NaN;
  const baseCpu = summaries.get(baseline)?.cpuPerRequest ?? Number.NaN;
  const rss = scenario.trackRss;
  const header = [
    'client',
    `median ${scenario.unit}`,
    `vs ${baseline}`,
    'min – max',
    'client CPU µs/req',
    `CPU vs ${baseline}`,
    'server CPU µs/req',
    ...(rss ? ['peak RSS MiB', 'RSS growth MiB'] : []),
  ];
  const lines = [
    `### ${scenario.name}: ${scenario.description}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const o of outcomes) {
    const s = summaries.get(o.client);
    if (s === undefined) {
      const reason = (o.error ?? 'no runs').replaceAll('|', '\\|').replaceAll('\n', ' ');
      const cells = [o.client, 'n/a', '', reason.slice(0, 160)];
      while (cells.length < header.length) cells.push('');
      lines.push(`| ${cells.join(' | ')} |`);
      continue;
    }
    const cells = [
      o.client,
      short(s.throughput),
      Number.isFinite(base) ? `${(s.throughput / base).toFixed(2)}×` : '—',
      `${short(s.min)} – ${short(s.max)}`,
      short(s.cpuPerRequest),
      Number.isFinite(baseCpu) ? `${(s.cpuPerRequest / baseCpu).toFixed(2)}×` : '—',
      short(s.serverCpuPerRequest),
      ...(rss ? [short(s.peakRssMiB ?? Number.NaN), short(s.rssGrowthMiB ?? Number.NaN)] : []),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
