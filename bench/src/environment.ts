/** The machine line printed above the tables. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { BenchOptions } from './cli.ts';

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match !== null) return match[1].trim();
  } catch {
    // Not Linux: fall through to os.cpus().
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/** `load average 1/5/15 min: …`, printed with each table (the machine is shared). */
export function loadavgLine(): string {
  const [one, five, fifteen] = loadavg();
  return (
    `load average (1, 5, 15 min) at the end of this table: ${one.toFixed(2)} ${five.toFixed(2)} ` +
    `${fifteen.toFixed(2)} on ${availableParallelism()} CPUs`
  );
}

/** Node version, CPU model and count, date, and the run parameters. */
export function environment(options: BenchOptions): string {
  return [
    `Node ${process.version}, ${cpuModel()}, ${availableParallelism()} CPUs (nproc), ` +
      `${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 16)}Z`,
    `${options.rounds} rounds × ${options.durationMs} ms per client per scenario, ` +
      `${options.warmupMs} ms warm-up; medians; server in its own process on 127.0.0.1; ` +
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (anything above ~2 on 2 CPUs means other work competed with the bench)`,
  ].join('\n');
}
