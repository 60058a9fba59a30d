/** One timed run of one client instance on one scenario. */
import type { ServerHandle } from './server/server-handle.ts';
import type { ClientInstance, RunResult, Scenario } from './types.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const RSS_SAMPLE_MS = 5;
/** A run that takes this much longer than asked is treated as hung. */
const HANG_GRACE_MS = 30_000;

function cpuMicros(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}

/**
 * Runs `scenario.concurrency` request loops on `instance` until `durationMs` has passed (requests
 * in flight at the deadline finish and count; elapsed time includes them). Every response must
 * have exactly `spec.expectedBytes` body bytes, or the run throws.
 */
export async function timedRun(
  client: string,
  instance: ClientInstance,
  scenario: Scenario,
  durationMs: number,
  server: ServerHandle,
): Promise<RunResult> {
  const expected = scenario.spec.expectedBytes;
  // Collect garbage left by the previous client, so its heap is not charged to this one.
  gc?.();
  const baseRss = scenario.trackRss ? process.memoryUsage.rss() : null;
  let peakRss = baseRss ?? 0;
  const sampler = scenario.trackRss
    ? setInterval(() => {
        const rss = process.memoryUsage.rss();
        if (rss > peakRss) peakRss = rss;
      }, RSS_SAMPLE_MS)
    : null;

  const serverBefore = await server.stats();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationMs;
  let issued = 0;
  let completed = 0;
  let bytes = 0;
  let failure: unknown = null;

  const loop = async (): Promise<void> => {
    while (failure === null && performance.now() < deadline) {
      const i = issued++;
      try {
        const n = await instance.request(scenario.pickTarget(i));
        if (n !== expected)
          throw new Error(`${client}: read ${n} body bytes, expected ${expected}`);
        completed++;
        bytes += n;
      } catch (error) {
        failure ??= error;
      }
    }
  };
  const loops: Promise<void>[] = [];
  for (let i = 0; i < scenario.concurrency; i++) loops.push(loop());
  let watchdog: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    watchdog = setTimeout(
      () => reject(new Error(`${client}: run did not finish within ${HANG_GRACE_MS} ms`)),
      durationMs + HANG_GRACE_MS,
    );
  });
  try {
    await Promise.race([Promise.all(loops), hung]);
  } finally {
    clearTimeout(watchdog);
    if (sampler !== null) clearInterval(sampler);
  }
  const elapsedMs = performance.now() - start;
  const cpu = cpuMicros(process.cpuUsage(cpuBefore));
  if (failure !== null) throw failure;
  const serverAfter = await server.stats();
  const serverRequests = serverAfter.requests - serverBefore.requests;
  // A client cannot complete more requests than the server answered (no caching, no skipping).
  if (serverRequests < completed) {
    throw new Error(
      `${client}: completed ${completed} requests, server answered ${serverRequests}`,
    );
  }
  if (scenario.trackRss) {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  }
  return {
    requests: completed,
    serverRequests,
    bytes,
    elapsedMs,
    cpuMicros: cpu,
    serverCpuMicros: cpuMicros(serverAfter.cpu) - cpuMicros(serverBefore.cpu),
    peakRss: scenario.trackRss ? peakRss : null,
    baseRss,
  };
}
