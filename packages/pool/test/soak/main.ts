// `pnpm soak` (outside test:all): 100 000 requests through one pool with 10 % faulty responses.
// Options: --requests=N --fault-rate=0.1 --concurrency=48 --seed=1
import { runSoak, soakProblems } from './run-soak.ts';

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : Number(arg.slice(name.length + 3));
}

async function main(): Promise<void> {
  const requests = option('requests', 100_000);
  console.log(
    `soak: ${requests} requests, one pool, ${option('fault-rate', 0.1) * 100}% faulty responses`,
  );
  const report = await runSoak({
    requests,
    faultRate: option('fault-rate', 0.1),
    concurrency: option('concurrency', 48),
    seed: option('seed', 1),
    onProgress: (done, heap) => console.log(`  ${done} done, heap ${heap.toFixed(1)} MB`),
  });
  const { mismatches, processFaults, ...figures } = report;
  console.log(JSON.stringify(figures, null, 2));
  const problems = soakProblems(report, 16);
  if (problems.length > 0) {
    console.error(`soak FAILED:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  } else {
    console.log(
      'soak passed: every request ended as asked, 0 sockets open, heap flat, no process faults',
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
