import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HTTPError } from '@urlpool/core';
import { forceGc } from '@urlpool/test-server';
import { HTTPConnectionPool } from '../../src/index.ts';
import {
  SOAK_FAULTS,
  type SoakFault,
  soakBody,
  soakTarget,
  startFaultyServer,
} from './faulty-server.ts';

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** Requests to make. */
  readonly requests: number;
  /** Share of faulty responses. @default 0.1 */
  readonly faultRate?: number;
  /** Requests in flight at once. @default 48 */
  readonly concurrency?: number;
  /** Pool maxsize (the pool blocks, so at most this many sockets). @default 32 */
  readonly maxsize?: number;
  /** Read timeout in ms of the stalled requests: what ends a stall. @default 300 */
  readonly readTimeout?: number;
  /** Largest body in bytes. @default 16384 */
  readonly maxBody?: number;
  /** Seed of the request mix. @default 1 */
  readonly seed?: number;
  /** Called every 10 % with the figures so far. */
  readonly onProgress?: (done: number, heapMb: number) => void;
}

/** What a soak measured; {@link soakProblems} says what is wrong with it. */
export interface SoakReport {
  readonly requests: number;
  readonly ms: number;
  readonly requestsPerSecond: number;
  /** Outcome counts by the fault asked for, then the error class (or 'ok'). */
  readonly outcomes: Record<string, Record<string, number>>;
  /** Faulty requests that succeeded, ok requests that failed, wrong bodies, untyped errors. */
  readonly mismatches: string[];
  readonly statsBeforeClose: { open: number; idle: number; active: number; queued: number };
  readonly statsAfterClose: { open: number; idle: number; active: number; queued: number };
  readonly maxsize: number;
  readonly numConnections: number;
  /** Most connections the pool had open at once (sampled at every request). */
  readonly maxOpen: number;
  /** Open sockets once the pool was closed: the server's count and the process's own. */
  readonly serverOpenAfterClose: number;
  readonly clientSocketsAfterClose: number;
  /** Heap used, MB: after warm-up and at the end after a full GC; the peak at checkpoints. */
  readonly heapBaselineMb: number;
  readonly heapPeakMb: number;
  readonly heapEndMb: number;
  /** Longest event-loop stall seen (ms): how loaded the machine was. */
  readonly eventLoopDelayMaxMs: number;
  /** unhandledRejection / uncaughtException / process warnings seen during the run. */
  readonly processFaults: string[];
}

/** xorshift32: the same request mix for the same seed. */
function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

function heapMb(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

function openClientSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 100 000 requests through one blocking pool against a loopback server that answers a share of
 * them with resets, truncated bodies, garbage and stalls (issue 9's soak). Every request must
 * end as asked (the exact body, or a typed error), and the pool must end settled with no
 * socket open, the heap flat and no process-level fault.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const total = options.requests;
  const faultRate = options.faultRate ?? 0.1;
  const concurrency = options.concurrency ?? 48;
  const maxsize = options.maxsize ?? 32;
  const readTimeout = options.readTimeout ?? 300;
  const maxBody = options.maxBody ?? 16384;
  const next = random(options.seed ?? 1);
  const gc = forceGc();

  const processFaults: string[] = [];
  const onRejection = (reason: unknown) =>
    processFaults.push(`unhandledRejection: ${String(reason)}`);
  const onException = (error: Error) => processFaults.push(`uncaughtException: ${error.stack}`);
  const onWarning = (warning: Error) =>
    processFaults.push(`warning: ${warning.name}: ${warning.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  process.on('warning', onWarning);

  const server = await startFaultyServer();
  const pool = new HTTPConnectionPool('127.0.0.1', {
    port: server.port,
    maxsize,
    block: true,
    retries: false,
    timeout: { connect: 10_000, read: 10_000 },
  });
  // Only the stalls get the short read timeout that ends them: every other request keeps a
  // generous one, so a loaded machine's scheduling pauses (CI, other jobs on two cores) can
  // never turn a valid response into a false timeout, which the soak would count as a bug.
  const stallTimeout = { connect: 10_000, read: readTimeout };
  const outcomes: Record<string, Record<string, number>> = {};
  const mismatches: string[] = [];
  const count = (fault: SoakFault, outcome: string) => {
    const byOutcome = (outcomes[fault] ??= {});
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  };

  const plan: { fault: SoakFault; size: number; chunked: boolean; close: boolean }[] = [];
  for (let i = 0; i < total; i++) {
    const faulty = next() < faultRate;
    plan.push({
      fault: faulty ? SOAK_FAULTS[Math.floor(next() * SOAK_FAULTS.length)]! : 'ok',
      size: Math.floor(next() * (maxBody + 1)),
      chunked: next() < 0.3,
      close: next() < 0.02,
    });
  }

  let cursor = 0;
  let done = 0;
  let limit = 0;
  let heapPeakMb = 0;
  let maxOpen = 0;
  const checkpoint = Math.max(1, Math.floor(total / 10));

  async function one(i: number): Promise<void> {
    const { fault, size, chunked, close } = plan[i]!;
    try {
      const pending = pool.request(
        'GET',
        soakTarget(i, fault, size, chunked, close),
        fault === 'stall' ? { timeout: stallTimeout } : {},
      );
      maxOpen = Math.max(maxOpen, pool.stats.open);
      const r = await pending;
      if (fault !== 'ok') mismatches.push(`#${i} ${fault}: succeeded with ${r.status}`);
      else if (!r.data.equals(soakBody(i, size))) {
        mismatches.push(`#${i}: wrong body (${r.data.length} of ${size} bytes)`);
      }
      count(fault, 'ok');
    } catch (error) {
      if (!(error instanceof HTTPError))
        mismatches.push(`#${i} ${fault}: untyped ${String(error)}`);
      else if (fault === 'ok') {
        mismatches.push(`#${i}: a valid response failed: ${error.name}: ${error.message}`);
      }
      count(fault, error instanceof Error ? error.name : typeof error);
    }
  }

  async function worker(): Promise<void> {
    while (cursor < limit) {
      await one(cursor++);
      if (++done % checkpoint === 0) {
        // No forced GC while requests are in flight: a long pause would expire their read
        // timers before their bytes are read (a false timeout). Peak heap without GC instead.
        const heap = process.memoryUsage().heapUsed / (1024 * 1024);
        heapPeakMb = Math.max(heapPeakMb, heap);
        options.onProgress?.(done, heap);
      }
    }
  }

  async function phase(until: number): Promise<void> {
    limit = until;
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  try {
    // Warm-up, then the heap baseline with nothing in flight (a full GC is safe then).
    await phase(Math.min(checkpoint, 2000));
    const heapBaselineMb = heapMb(gc);
    const started = performance.now();
    const measured = total - done;
    const lag = monitorEventLoopDelay({ resolution: 20 });
    lag.enable();
    await phase(total);
    const ms = performance.now() - started;
    lag.disable();
    // Closing sockets settles over a few event-loop turns.
    await sleep(20);
    const statsBeforeClose = pool.stats;
    const numConnections = pool.numConnections;
    pool.close();
    const statsAfterClose = pool.stats;
    for (
      let waited = 0;
      (server.connections > 0 || openClientSockets() > 0) && waited < 2000;
      waited += 20
    ) {
      await sleep(20);
    }
    const heapEndMb = heapMb(gc);
    return {
      requests: total,
      ms,
      requestsPerSecond: Math.round((measured / ms) * 1000),
      outcomes,
      mismatches,
      statsBeforeClose,
      statsAfterClose,
      maxsize,
      numConnections,
      maxOpen,
      serverOpenAfterClose: server.connections,
      clientSocketsAfterClose: openClientSockets(),
      heapBaselineMb,
      heapPeakMb: Math.max(heapPeakMb, heapEndMb),
      heapEndMb,
      eventLoopDelayMaxMs: Math.round(lag.max / 1e6),
      processFaults,
    };
  } finally {
    pool.close();
    await server.close();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    process.off('warning', onWarning);
  }
}

/** Everything wrong with a soak report (empty when it passed). */
export function soakProblems(report: SoakReport, heapGrowthLimitMb: number): string[] {
  const problems = [...report.mismatches.slice(0, 20)];
  if (report.mismatches.length > 20)
    problems.push(`… ${report.mismatches.length - 20} more mismatches`);
  const before = report.statsBeforeClose;
  if (
    before.active !== 0 ||
    before.queued !== 0 ||
    before.open !== before.idle ||
    before.open > report.maxsize
  ) {
    problems.push(`stats not settled when the work was done: ${JSON.stringify(before)}`);
  }
  if (report.maxOpen > report.maxsize) {
    problems.push(
      `${report.maxOpen} connections at once with a blocking pool of ${report.maxsize}`,
    );
  }
  if (
    JSON.stringify(report.statsAfterClose) !==
    JSON.stringify({ open: 0, idle: 0, active: 0, queued: 0 })
  ) {
    problems.push(`stats after close(): ${JSON.stringify(report.statsAfterClose)}`);
  }
  if (report.serverOpenAfterClose !== 0)
    problems.push(`${report.serverOpenAfterClose} server sockets still open`);
  if (report.clientSocketsAfterClose !== 0)
    problems.push(`${report.clientSocketsAfterClose} client sockets still open`);
  const growth = report.heapEndMb - report.heapBaselineMb;
  if (growth > heapGrowthLimitMb)
    problems.push(`heap grew ${growth.toFixed(1)} MB (limit ${heapGrowthLimitMb} MB)`);
  problems.push(...report.processFaults);
  return problems;
}
