import { afterEach, describe, expect, it, vi } from 'vitest';
import { HTTPError, resolveTimeout, Timeout, TimeoutStateError } from '../src/index.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Makes performance.now() return the values of `clock.now`. */
function fakeClock(): { now: number } {
  const clock = { now: 1000 };
  vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
  return clock;
}

describe('Timeout construction', () => {
  it('keeps the durations as given, undefined meaning no limit', () => {
    const timeout = new Timeout({ connect: 2000, read: 7000, total: 9000 });
    expect([timeout.connect, timeout.read, timeout.total]).toEqual([2000, 7000, 9000]);
    const none = new Timeout();
    expect([none.connect, none.read, none.total]).toEqual([undefined, undefined, undefined]);
    const nulls = new Timeout({ connect: null, read: null, total: null });
    expect(nulls.connect).toBeUndefined();
  });

  it.each([
    ['negative', -1],
    ['zero', 0],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('refuses a %s duration with a RangeError naming the option', (_label, value) => {
    expect(() => new Timeout({ read: value })).toThrow(RangeError);
    expect(() => new Timeout({ read: value })).toThrow(/read timeout/);
    expect(() => new Timeout({ connect: value })).toThrow(/connect timeout/);
    expect(() => new Timeout({ total: value })).toThrow(/total timeout/);
    expect(() => Timeout.from(value)).toThrow(RangeError);
  });

  it('refuses non-numbers (booleans too, as urllib3) with a TypeError', () => {
    expect(() => new Timeout({ connect: true as unknown as number })).toThrow(TypeError);
    expect(() => new Timeout({ read: '5' as unknown as number })).toThrow(TypeError);
    expect(() => new Timeout(5 as unknown as object)).toThrow(/Timeout.from/);
  });

  it('refuses unknown options', () => {
    expect(() => new Timeout({ conect: 5 } as unknown as object)).toThrow(
      /Unknown Timeout option 'conect'/,
    );
  });

  it('has a readable toString', () => {
    expect(String(new Timeout({ connect: 1, read: 2 }))).toBe(
      'Timeout(connect=1, read=2, total=undefined)',
    );
  });

  it('is immutable', () => {
    const timeout = new Timeout({ read: 5 });
    expect(Object.isFrozen(timeout)).toBe(true);
    expect(() => {
      (timeout as { read: number }).read = 6;
    }).toThrow(TypeError);
    expect(Object.isFrozen(Timeout.DEFAULT)).toBe(true);
    // A frozen instance can still be started: the start time is private state.
    const started = new Timeout({ read: 5 });
    expect(() => started.startConnect()).not.toThrow();
  });
});

describe('Timeout.from and resolveTimeout', () => {
  it('turns a number into connect and read, like from_float', () => {
    const timeout = Timeout.from(1500);
    expect([timeout.connect, timeout.read, timeout.total]).toEqual([1500, 1500, undefined]);
  });

  it('returns a Timeout as is and DEFAULT for nullish values', () => {
    const timeout = new Timeout({ total: 3 });
    expect(Timeout.from(timeout)).toBe(timeout);
    expect(Timeout.from(undefined)).toBe(Timeout.DEFAULT);
    expect(Timeout.from(null)).toBe(Timeout.DEFAULT);
    expect(Timeout.DEFAULT.connectTimeout).toBeUndefined();
    expect(Timeout.DEFAULT.readTimeout).toBeUndefined();
  });

  it('resolves a per-request override to a fresh clone', () => {
    const poolDefault = new Timeout({ connect: 100, read: 200 });
    const fromPool = resolveTimeout(poolDefault, undefined);
    expect(fromPool).not.toBe(poolDefault);
    expect([fromPool.connect, fromPool.read]).toEqual([100, 200]);

    const perRequest = new Timeout({ total: 50 });
    const resolved = resolveTimeout(poolDefault, perRequest);
    expect(resolved).not.toBe(perRequest);
    expect(resolved.total).toBe(50);
    expect(resolved.connect).toBeUndefined();

    const fromNumber = resolveTimeout(poolDefault, 70);
    expect([fromNumber.connect, fromNumber.read]).toEqual([70, 70]);

    const unlimited = resolveTimeout(poolDefault, null);
    expect([unlimited.connect, unlimited.read, unlimited.total]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // Each resolution can be started once, independently.
    resolveTimeout(Timeout.DEFAULT, undefined).startConnect();
    resolved.startConnect();
    expect(() => resolveTimeout(poolDefault, perRequest).startConnect()).not.toThrow();
  });
});

describe('Timeout timers', () => {
  it('clone copies the durations but not the started timer', () => {
    fakeClock();
    const timeout = new Timeout({ connect: 10, read: 20, total: 30 });
    timeout.startConnect();
    const copy = timeout.clone();
    expect([copy.connect, copy.read, copy.total]).toEqual([10, 20, 30]);
    expect(() => copy.getConnectDuration()).toThrow(TimeoutStateError);
  });

  it('starts once and measures the connect duration', () => {
    const clock = fakeClock();
    const timeout = new Timeout({ connect: 10 });
    expect(timeout.startConnect()).toBe(1000);
    clock.now = 1250;
    expect(timeout.getConnectDuration()).toBe(250);
    const error = (() => {
      try {
        timeout.startConnect();
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TimeoutStateError);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as TimeoutStateError).code).toBe('URLPOOL_ERR_TIMEOUT_STATE');
  });

  it('refuses to start the shared DEFAULT', () => {
    expect(() => Timeout.DEFAULT.startConnect()).toThrow(/clone/);
  });

  it('throws TimeoutStateError for the duration of an unstarted timer', () => {
    expect(() => new Timeout().getConnectDuration()).toThrow(/has not started/);
  });

  it('connectTimeout is the smaller of connect and total', () => {
    expect(new Timeout({ connect: 5 }).connectTimeout).toBe(5);
    expect(new Timeout({ total: 7 }).connectTimeout).toBe(7);
    expect(new Timeout({ connect: 5, total: 7 }).connectTimeout).toBe(5);
    expect(new Timeout({ connect: 9, total: 7 }).connectTimeout).toBe(7);
    expect(new Timeout({ read: 9 }).connectTimeout).toBeUndefined();
  });

  it('readTimeout is read alone without total', () => {
    expect(new Timeout({ read: 42 }).readTimeout).toBe(42);
    expect(new Timeout({ connect: 42 }).readTimeout).toBeUndefined();
  });

  it('readTimeout with total and read: read before connect starts, then what is left', () => {
    const clock = fakeClock();
    const timeout = new Timeout({ read: 300, total: 1000 });
    expect(timeout.readTimeout).toBe(300);
    timeout.startConnect();
    clock.now += 600;
    expect(timeout.readTimeout).toBe(300);
    clock.now += 200; // 800 elapsed: 200 left of total
    expect(timeout.readTimeout).toBe(200);
    clock.now += 5000;
    expect(timeout.readTimeout).toBe(0);
  });

  it('readTimeout with total only is what is left, and needs a started timer', () => {
    const clock = fakeClock();
    const timeout = new Timeout({ total: 1000 });
    expect(() => timeout.readTimeout).toThrow(TimeoutStateError);
    timeout.startConnect();
    clock.now += 400;
    expect(timeout.readTimeout).toBe(600);
    clock.now += 4000;
    expect(timeout.readTimeout).toBe(0);
  });
});

describe('Timeout.from with a plain options object', () => {
  it('builds a Timeout from { connect, read, total } (the request option form)', () => {
    const timeout = Timeout.from({ read: 1000, total: 2000 });
    expect(timeout).toBeInstanceOf(Timeout);
    expect([timeout.connect, timeout.read, timeout.total]).toEqual([undefined, 1000, 2000]);
    expect(() => Timeout.from({ reed: 1 } as never)).toThrow(/Unknown Timeout option 'reed'/);
    const perAttempt = resolveTimeout(Timeout.DEFAULT, { connect: 500, read: 700 });
    perAttempt.startConnect();
    expect(perAttempt.connectTimeout).toBe(500);
  });
});
