// Differential fuzz of urlpool's response parsing against node:http (llhttp) over real TCP.
// Usage: pnpm fuzz [--cases N] [--seed S] [--concurrency C] [--timeout MS] [--hold MS]
//                  [--strict] [--case I]
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { classify } from './classify.ts';
import { type FuzzCase, validResponse } from './corpus.ts';
import { mutate, split } from './mutate.ts';
import { Fault, type Outcome } from './outcome.ts';
import { caseSeed, Rng } from './rng.ts';
import { runNode } from './run-node.ts';
import { runUrlpool } from './run-urlpool.ts';
import { startScriptServer } from './script-server.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '16' },
    timeout: { type: 'string', default: '5000' },
    hold: { type: 'string', default: '40' },
    strict: { type: 'boolean', default: false },
    case: { type: 'string' },
  },
});
const seed = Number(values.seed);
const total = Number(values.cases);
const concurrency = Number(values.concurrency);
const timeoutMs = Number(values.timeout);
const holdMs = Number(values.hold);

/** Case `index` of this run: the same seed and index always give the same bytes and splits. */
function makeCase(index: number): { fuzzCase: FuzzCase; pieces: Buffer[] } {
  const rng = new Rng(caseSeed(seed, index));
  const fuzzCase = mutate(rng, validResponse(rng));
  return { fuzzCase, pieces: split(rng, fuzzCase.bytes) };
}

interface ClassStats {
  count: number;
  deliberate: string | null;
  examples: number[];
}

const faults: { kind: string; index: number; message: string }[] = [];
process.on('unhandledRejection', (reason) => {
  faults.push({ kind: 'unhandled-rejection', index: -1, message: String(reason) });
});
process.on('uncaughtException', (error) => {
  faults.push({ kind: 'crash', index: -1, message: String(error?.stack ?? error) });
});

const server = await startScriptServer(holdMs);
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

async function runCase(index: number): Promise<{ u: Outcome; n: Outcome; fuzzCase: FuzzCase }> {
  const { fuzzCase, pieces } = makeCase(index);
  server.register(index, pieces);
  try {
    const [u, n] = await Promise.all([
      runUrlpool(server.port, index, fuzzCase.method, timeoutMs),
      runNode(agent, server.port, index, fuzzCase.method, timeoutMs),
    ]);
    return { u, n, fuzzCase };
  } finally {
    server.unregister(index);
  }
}

if (values.case !== undefined) {
  const index = Number(values.case);
  const { fuzzCase, pieces } = makeCase(index);
  console.log(
    `case ${index} (seed ${seed}) ${fuzzCase.method}, pieces ${pieces.map((p) => p.length).join('+')}:`,
  );
  console.log(JSON.stringify(fuzzCase.bytes.toString('latin1')));
  try {
    const { u, n } = await runCase(index);
    console.log('urlpool:', u);
    console.log('node:   ', n);
    console.log('verdict:', classify(u, n, fuzzCase));
  } catch (error) {
    console.log('FAULT', error);
    process.exitCode = 1;
  }
  await server.close();
  agent.destroy();
} else {
  const classes = new Map<string, ClassStats>();
  let next = 0;
  // Ctrl-C stops taking new cases; the report covers the cases run so far.
  let stopAt = total;
  process.once('SIGINT', () => {
    stopAt = next;
    console.error(`[fuzz] interrupted: finishing the cases in flight, then reporting`);
  });
  let done = 0;
  const started = Date.now();
  let lastReport = started;
  const worker = async (): Promise<void> => {
    while (next < stopAt) {
      const index = next++;
      try {
        const { u, n, fuzzCase } = await runCase(index);
        const verdict = classify(u, n, fuzzCase);
        const key =
          verdict.deliberate === null ? verdict.key : `${verdict.key} [${verdict.deliberate}]`;
        const stats = classes.get(key);
        if (stats === undefined) {
          classes.set(key, { count: 1, deliberate: verdict.deliberate, examples: [index] });
        } else {
          stats.count++;
          if (stats.examples.length < 3) stats.examples.push(index);
        }
      } catch (error) {
        const kind = error instanceof Fault ? error.kind : 'crash';
        const message = String((error as Error)?.message ?? error);
        faults.push({ kind, index, message });
        console.error(`[fuzz] FAULT ${kind} at --case ${index}: ${message}`);
      }
      done++;
      const now = Date.now();
      if (now - lastReport > 30_000) {
        lastReport = now;
        const rate = Math.round((done * 1000) / (now - started));
        console.error(`[fuzz] ${done}/${total} cases, ${rate}/s, ${faults.length} faults`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  await server.close();
  // Leaked sockets: once both clients are done and the server is closed, no TCP handle may stay.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const handles = process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
  if (handles > 0)
    faults.push({
      kind: 'leaked-socket',
      index: -1,
      message: `${handles} TCP handles open at exit`,
    });

  const rows = [...classes.entries()].sort((a, b) => b[1].count - a[1].count);
  const agreed = rows.filter(([k]) => k.startsWith('agree:')).reduce((s, [, v]) => s + v.count, 0);
  console.log(
    `\nurlpool vs node:http (llhttp): ${done} cases, seed ${seed}, ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s)`,
  );
  console.log(`agreement: ${agreed}/${done} (${((agreed * 100) / done).toFixed(2)}%)`);
  let undocumented = 0;
  for (const [key, stats] of rows) {
    const tag = key.startsWith('agree:') ? '' : stats.deliberate === null ? '  UNDOCUMENTED' : '';
    if (tag !== '') undocumented += stats.count;
    console.log(
      `  ${String(stats.count).padStart(8)}  ${key}${tag}  (e.g. --case ${stats.examples.join(', ')})`,
    );
  }
  console.log(`faults: ${faults.length}`);
  for (const fault of faults.slice(0, 20))
    console.log(`  ${fault.kind} case ${fault.index}: ${fault.message}`);
  if (faults.length > 0 || (values.strict && undocumented > 0)) process.exitCode = 1;
}
