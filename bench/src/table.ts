/** Turns run results into the Markdown tables the bench prints. */
import { median, short } from './stats.ts';
import type { Level, RunResult, Scenario } from './types.ts';

/** Results of one client on one scenario: its runs, or why it could not run. */
export interface ClientOutcome {
  client: string;
  level: Level;
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

/** How rows are compared: the peer row of each level, and the floor row. */
export interface Baselines {
  peers: Record<Level, string | null>;
  floor: string;
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

function ratio(value: number | undefined, base: number | undefined): string {
  if (value === undefined || base === undefined || !Number.isFinite(base)) return '—';
  return `${(value / base).toFixed(2)}×`;
}

/**
 * One Markdown table for a scenario. Each row's `vs peer` is its ratio to the undici row of the
 * same level (urlpool pool vs undici Pool, manager-level rows vs undici.request); `vs floor` is
 * to the raw-socket row; `CPU vs peer` divides CPU per request the same way (lower is cheaper).
 */
export function renderScenario(
  scenario: Scenario,
  outcomes: ClientOutcome[],
  baselines: Baselines,
): string {
  const summaries = new Map<string, Summary>();
  for (const o of outcomes) {
    if (o.error === null && o.runs.length > 0) summaries.set(o.client, summarize(scenario, o.runs));
  }
  const floor = summaries.get(baselines.floor);
  const rss = scenario.trackRss;
  const header = [
    'client',
    'level',
    `median ${scenario.unit}`,
    'vs peer',
    'vs floor',
    'min – max',
    'client CPU µs/req',
    'CPU vs peer',
    'server CPU µs/req',
    ...(rss ? ['peak RSS MiB', 'RSS growth MiB'] : []),
  ];
  const lines = [
    `### ${scenario.name}: ${scenario.description}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i <= 1 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const o of outcomes) {
    const s = summaries.get(o.client);
    if (s === undefined) {
      const reason = (o.error ?? 'no runs').replaceAll('|', '\\|').replaceAll('\n', ' ');
      const cells = [o.client, o.level, 'n/a', '', '', reason.slice(0, 160)];
      while (cells.length < header.length) cells.push('');
      lines.push(`| ${cells.join(' | ')} |`);
      continue;
    }
    const peerName = baselines.peers[o.level];
    const peer = peerName === null ? undefined : summaries.get(peerName);
    const cells = [
      o.client,
      o.level,
      short(s.throughput),
      ratio(s.throughput, peer?.throughput),
      o.client === baselines.floor ? '1.00×' : ratio(s.throughput, floor?.throughput),
      `${short(s.min)} – ${short(s.max)}`,
      short(s.cpuPerRequest),
      ratio(s.cpuPerRequest, peer?.cpuPerRequest),
      short(s.serverCpuPerRequest),
      ...(rss ? [short(s.peakRssMiB ?? Number.NaN), short(s.rssGrowthMiB ?? Number.NaN)] : []),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
