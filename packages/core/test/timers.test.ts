import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearFastTimeout,
  FAST_TIMER_THRESHOLD,
  FAST_TIMER_TICK,
  type FastTimer,
  setFastTimeout,
} from '../src/index.ts';

interface Probe {
  fired: number[];
}

function record(probe: Probe): void {
  probe.fired.push(performance.now());
}

const live: FastTimer<Probe>[] = [];
function arm(delay: number, probe: Probe = { fired: [] }): [FastTimer<Probe>, Probe] {
  const timer = setFastTimeout(record, delay, probe);
  live.push(timer);
  return [timer, probe];
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const timer of live.splice(0)) clearFastTimeout(timer);
  // Let the shared tick notice it is idle and stop, so the next test starts clean.
  vi.advanceTimersByTime(FAST_TIMER_TICK * 3);
  vi.useRealTimers();
});

describe('short timers (native)', () => {
  it('fire at their delay with their argument', () => {
    const [, probe] = arm(100);
    vi.advanceTimersByTime(99);
    expect(probe.fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(probe.fired).toEqual([100]);
    vi.advanceTimersByTime(5000);
    expect(probe.fired).toHaveLength(1);
  });

  it('restart on refresh, also after firing, and stop on clear', () => {
    const [timer, probe] = arm(100);
    vi.advanceTimersByTime(60);
    timer.refresh();
    vi.advanceTimersByTime(60);
    expect(probe.fired).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(probe.fired).toEqual([160]);
    timer.refresh();
    vi.advanceTimersByTime(100);
    expect(probe.fired).toEqual([160, 260]);
    timer.refresh();
    clearFastTimeout(timer);
    timer.refresh();
    vi.advanceTimersByTime(1000);
    expect(probe.fired).toEqual([160, 260]);
  });

  it('do not keep the process alive', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    arm(10);
    const handle = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(handle.hasRef()).toBe(false);
  });
});

describe('coarse timers (shared tick)', () => {
  it('never fire early and fire within one tick after setFastTimeout', () => {
    for (const delay of [FAST_TIMER_THRESHOLD, 1234, 5000, 30_000]) {
      const start = performance.now();
      const [, probe] = arm(delay);
      vi.advanceTimersByTime(delay - 1);
      expect(probe.fired, `delay ${delay}`).toEqual([]);
      vi.advanceTimersByTime(FAST_TIMER_TICK + 1);
      expect(probe.fired, `delay ${delay}`).toHaveLength(1);
      const elapsed = probe.fired[0]! - start;
      expect(elapsed).toBeGreaterThanOrEqual(delay);
      expect(elapsed).toBeLessThanOrEqual(delay + FAST_TIMER_TICK);
    }
  });

  it('use one shared native timer for many coarse timers', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const probes = Array.from({ length: 50 }, (_, i) => arm(2000 + i * 10)[1]);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
    vi.advanceTimersByTime(4000);
    expect(probes.every((probe) => probe.fired.length === 1)).toBe(true);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('refresh postpones firing: never before delay after the last refresh, at most two ticks late', () => {
    const [timer, probe] = arm(2000);
    let lastRefresh = 0;
    // Activity every 300 ms for 10 s keeps the timer from firing.
    for (let t = 0; t < 10_000; t += 300) {
      vi.advanceTimersByTime(300);
      timer.refresh();
      lastRefresh = performance.now();
    }
    expect(probe.fired).toEqual([]);
    vi.advanceTimersByTime(2000 + 2 * FAST_TIMER_TICK);
    expect(probe.fired).toHaveLength(1);
    const idle = probe.fired[0]! - lastRefresh;
    expect(idle).toBeGreaterThanOrEqual(2000);
    expect(idle).toBeLessThanOrEqual(2000 + 2 * FAST_TIMER_TICK);
  });

  it('re-arm on refresh after firing', () => {
    const [timer, probe] = arm(1000);
    vi.advanceTimersByTime(1500);
    expect(probe.fired).toHaveLength(1);
    timer.refresh();
    vi.advanceTimersByTime(999);
    expect(probe.fired).toHaveLength(1);
    vi.advanceTimersByTime(2 * FAST_TIMER_TICK + 1);
    expect(probe.fired).toHaveLength(2);
  });

  it('do not fire once cleared, and refresh after clear does nothing', () => {
    const [a, probeA] = arm(1000);
    const [, probeB] = arm(1000);
    const [c, probeC] = arm(1000);
    clearFastTimeout(a);
    clearFastTimeout(a);
    clearFastTimeout(null);
    clearFastTimeout(undefined);
    a.refresh();
    vi.advanceTimersByTime(600);
    clearFastTimeout(c);
    vi.advanceTimersByTime(2000);
    expect(probeA.fired).toEqual([]);
    expect(probeB.fired).toHaveLength(1);
    expect(probeC.fired).toEqual([]);
  });

  it('survive callbacks that clear, refresh or add timers during a tick', () => {
    const order: string[] = [];
    let refreshedC = false;
    const timers: Record<string, FastTimer<string>> = {};
    const onFire = (name: string): void => {
      order.push(name);
      if (name === 'a') clearFastTimeout(timers.b);
      if (name === 'c' && !refreshedC) {
        refreshedC = true;
        timers.c!.refresh();
      }
      if (name === 'd') timers.e = setFastTimeout(onFire, 1000, 'e');
    };
    for (const name of ['a', 'b', 'c', 'd']) timers[name] = setFastTimeout(onFire, 1000, name);
    vi.advanceTimersByTime(1500);
    expect(order.sort()).toEqual(['a', 'c', 'd']);
    vi.advanceTimersByTime(1000 + 2 * FAST_TIMER_TICK);
    expect(order.filter((name) => name === 'c')).toHaveLength(2);
    expect(order).toContain('e');
    for (const timer of Object.values(timers)) clearFastTimeout(timer);
  });

  it('keep ticking for the others when a callback throws', () => {
    const failing = setFastTimeout(
      () => {
        throw new Error('callback failed');
      },
      1000,
      null,
    );
    const [, probe] = arm(3000);
    expect(() => vi.advanceTimersByTime(1500)).toThrow('callback failed');
    vi.advanceTimersByTime(2000);
    expect(probe.fired).toHaveLength(1);
    clearFastTimeout(failing);
  });

  it('recover when the tick was lost to a clock swap', () => {
    const [, first] = arm(2000);
    vi.useRealTimers(); // the pending fake tick is gone with the fake clock
    vi.useFakeTimers();
    vi.advanceTimersByTime(1500);
    expect(first.fired).toEqual([]);
    // The next timer notices the overdue tick and starts a new one, which serves both.
    const [, second] = arm(2000);
    vi.advanceTimersByTime(2000 + FAST_TIMER_TICK);
    expect(first.fired).toHaveLength(1);
    expect(second.fired).toHaveLength(1);
  });

  it('validate their arguments', () => {
    expect(() => setFastTimeout(record, -1, { fired: [] })).toThrow(RangeError);
    expect(() => setFastTimeout(record, Number.NaN, { fired: [] })).toThrow(RangeError);
    expect(() => setFastTimeout(record, Number.POSITIVE_INFINITY, { fired: [] })).toThrow(
      RangeError,
    );
    expect(() => setFastTimeout('x' as unknown as typeof record, 5, { fired: [] })).toThrow(
      TypeError,
    );
  });
});
