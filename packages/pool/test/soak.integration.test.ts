import { describe, expect, it } from 'vitest';
import { runSoak, soakProblems } from './soak/run-soak.ts';

// Issue 9's soak, short: the full 100 000 requests run with `pnpm soak` (outside test:all).

describe('soak: one pool, 10% faulty responses (resets, truncation, garbage, stalls)', () => {
  it('every request ends as asked, and the pool ends settled with 0 sockets and a flat heap', async () => {
    const report = await runSoak({ requests: 3000, faultRate: 0.1, maxsize: 16, concurrency: 24 });
    expect(soakProblems(report, 16)).toEqual([]);
    // Every fault kind was exercised and failed with a typed error of the expected kind.
    expect(Object.keys(report.outcomes).sort()).toEqual([
      'garbage',
      'ok',
      'reset',
      'stall',
      'truncate',
    ]);
    expect(report.outcomes.stall).toEqual({
      ReadTimeoutError: report.outcomes.stall!.ReadTimeoutError,
    });
    expect(Object.keys(report.outcomes.truncate!)).toEqual(['IncompleteRead']);
    expect(report.outcomes.ok!.ok).toBeGreaterThan(2500);
  }, 120_000);
});
