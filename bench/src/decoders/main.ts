/**
 * `pnpm --filter @urlpool/bench bench:decoders`: decoding throughput of @urlpool/decoders
 * against bare Node zlib streams on the same compressed bodies (same 64 KiB input chunks),
 * rounds interleaved, medians reported. Options: --size=<MiB> (default 32), --rounds=<n>
 * (default 7), --codings=gzip,br (default: all).
 */
import { buildDatasets, type Dataset } from './datasets.ts';
import { bare64k, bareDefault, type Runner, urlpoolDecoders } from './decoders-runners.ts';

const RUNNERS: [string, Runner][] = [
  ['zlib stream (64 KiB chunks)', bare64k],
  ['zlib stream (defaults)', bareDefault],
  ['@urlpool/decoders', urlpoolDecoders],
];

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg === undefined ? fallback : Number(arg.slice(name.length + 3));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

async function time(runner: Runner, dataset: Dataset): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  const total = await runner(dataset);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (total !== dataset.decodedSize) {
    throw new Error(
      `${dataset.coding}/${dataset.name}: decoded ${total} of ${dataset.decodedSize}`,
    );
  }
  return ms;
}

async function main(): Promise<void> {
  const sizeMiB = option('size', 32);
  const rounds = option('rounds', 7);
  const only = process.argv
    .find((a) => a.startsWith('--codings='))
    ?.slice(10)
    .split(',');
  const datasets = buildDatasets(sizeMiB).filter(
    (d) => only === undefined || only.includes(d.coding),
  );
  const rows: string[] = [];
  for (const dataset of datasets) {
    const times = RUNNERS.map((): number[] => []);
    for (const [, runner] of RUNNERS) await time(runner, dataset); // warm-up
    for (let round = 0; round < rounds; round++) {
      // Rotate the order each round so no runner always goes first.
      for (let k = 0; k < RUNNERS.length; k++) {
        const i = (k + round) % RUNNERS.length;
        times[i]!.push(await time(RUNNERS[i]![1], dataset));
      }
    }
    const mbps = times.map((t) => dataset.decodedSize / 1e6 / (median(t) / 1000));
    const ratio = mbps[2]! / mbps[0]!;
    const compressed = dataset.chunks.reduce((n, c) => n + c.length, 0);
    rows.push(
      `| ${dataset.coding} | ${dataset.name} | ${(dataset.decodedSize / compressed).toFixed(1)}:1 | ` +
        `${mbps.map((m) => m.toFixed(0)).join(' | ')} | ${(ratio * 100).toFixed(0)}% |`,
    );
    process.stderr.write(`${dataset.coding}/${dataset.name} done\n`);
  }
  const header =
    `| coding | data | ratio | ${RUNNERS.map(([name]) => `${name} MB/s`).join(' | ')} | ` +
    '@urlpool/decoders vs 64 KiB zlib stream |';
  const rule = `|${' --- |'.repeat(RUNNERS.length + 4)}`;
  process.stdout.write(
    `\nDecoding throughput, ${sizeMiB} MiB decoded per body, median of ${rounds} rounds ` +
      `(Node ${process.version}, ${process.arch})\n\n${header}\n${rule}\n${rows.join('\n')}\n`,
  );
}

await main();
