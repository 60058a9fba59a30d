// Runs every package's vitest suite through turbo (`pnpm test`), streams the output, and ends
// with one total line ("tests: N passed, M failed, K skipped") so CI logs say how much ran.
import { spawn } from 'node:child_process';

const ANSI = /\x1b\[[0-9;]*m/g;
const child = spawn('pnpm', ['test'], { stdio: ['ignore', 'pipe', 'inherit'] });
const totals = { passed: 0, failed: 0, skipped: 0 };
let pending = '';

function tally(line) {
  const plain = line.replace(ANSI, '');
  // vitest's summary: "Tests  293 passed | 1 skipped (294)" (turbo prefixes the package name).
  const summary = /\bTests\s+(.*)\(\d+\)\s*$/.exec(plain);
  if (summary === null) return;
  for (const [, count, kind] of summary[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
    totals[kind] += Number(count);
  }
}

child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString('utf8');
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) tally(line);
});

child.on('close', (code) => {
  if (pending !== '') tally(pending);
  console.log(
    `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
  );
  process.exitCode = code ?? 1;
});
