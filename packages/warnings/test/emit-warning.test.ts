import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DependencyWarning,
  disableWarnings,
  emitWarning,
  HTTPWarning,
  InsecureRequestWarning,
  onWarning,
  SecurityWarning,
  SystemTimeWarning,
  warn,
  warnInsecureRequest,
  warnOnce,
} from '../src/index.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.restoreAllMocks();
});

function captureProcessWarnings(): Error[] {
  const seen: Error[] = [];
  vi.spyOn(process, 'emitWarning').mockImplementation(((w: Error) => {
    seen.push(w);
  }) as typeof process.emitWarning);
  return seen;
}

describe('emitWarning', () => {
  it('passes the warning object to process.emitWarning', () => {
    const seen = captureProcessWarnings();
    const w = new DependencyWarning('brotli unavailable');
    emitWarning(w);
    expect(seen).toEqual([w]);
    expect(warn).toBe(emitWarning);
  });

  it('reaches process "warning" listeners with name and code', async () => {
    const received = new Promise<Error>((resolve) => process.once('warning', resolve));
    emitWarning(new SystemTimeWarning('clock is in 1970'));
    const w = await received;
    expect(w.name).toBe('SystemTimeWarning');
    expect((w as Error & { code: string }).code).toBe('URLPOOL_WARN_SYSTEM_TIME');
    expect(w).toBeInstanceOf(SystemTimeWarning);
  });
});

describe('disableWarnings', () => {
  it('silences a category and its subclasses only', () => {
    const seen = captureProcessWarnings();
    cleanups.push(disableWarnings(SecurityWarning));
    emitWarning(new InsecureRequestWarning('a'));
    emitWarning(new SystemTimeWarning('b'));
    emitWarning(new DependencyWarning('c'));
    expect(seen.map((w) => w.name)).toEqual(['DependencyWarning']);
  });

  it('defaults to every urlpool warning, and the returned function undoes it', () => {
    const seen = captureProcessWarnings();
    const undo = disableWarnings();
    emitWarning(new DependencyWarning('c'));
    emitWarning(new HTTPWarning('h'));
    expect(seen).toEqual([]);
    undo();
    emitWarning(new DependencyWarning('c'));
    expect(seen.map((w) => w.name)).toEqual(['DependencyWarning']);
  });

  it('is not undone by a second, redundant call', () => {
    const seen = captureProcessWarnings();
    cleanups.push(disableWarnings(InsecureRequestWarning));
    const redundant = disableWarnings(InsecureRequestWarning);
    redundant();
    emitWarning(new InsecureRequestWarning('x'));
    expect(seen).toEqual([]);
  });
});

describe('onWarning', () => {
  it('receives warnings instead of the process until unsubscribed', () => {
    const seen = captureProcessWarnings();
    const got: HTTPWarning[] = [];
    const stop = onWarning((w) => got.push(w));
    const w = new DependencyWarning('x');
    emitWarning(w);
    expect(got).toEqual([w]);
    expect(seen).toEqual([]);
    stop();
    emitWarning(w);
    expect(got).toHaveLength(1);
    expect(seen).toEqual([w]);
  });

  it('does not receive disabled categories', () => {
    const got: HTTPWarning[] = [];
    cleanups.push(onWarning((w) => got.push(w)));
    cleanups.push(disableWarnings(InsecureRequestWarning));
    emitWarning(new InsecureRequestWarning('x'));
    emitWarning(new SystemTimeWarning('y'));
    expect(got.map((w) => w.name)).toEqual(['SystemTimeWarning']);
  });
});

describe('warnOnce / warnInsecureRequest', () => {
  it('emits once per key and builds nothing for repeats', () => {
    const got: HTTPWarning[] = [];
    cleanups.push(onWarning((w) => got.push(w)));
    const factory = vi.fn(() => new DependencyWarning('once'));
    expect(warnOnce('unit-key-1', factory)).toBe(true);
    expect(warnOnce('unit-key-1', factory)).toBe(false);
    expect(warnOnce('unit-key-2', new DependencyWarning('other'))).toBe(true);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(got.map((w) => w.message)).toEqual(['once', 'other']);
  });

  it('warns once per host, naming the host', () => {
    const got: HTTPWarning[] = [];
    cleanups.push(onWarning((w) => got.push(w)));
    expect(warnInsecureRequest('a.example')).toBe(true);
    expect(warnInsecureRequest('a.example')).toBe(false);
    expect(warnInsecureRequest('b.example')).toBe(true);
    expect(got).toHaveLength(2);
    expect(got[0]).toBeInstanceOf(InsecureRequestWarning);
    expect(got[0]?.message).toContain("'a.example'");
    expect(got[1]?.message).toContain("'b.example'");
  });

  it('does not use up the key while the category is disabled', () => {
    const got: HTTPWarning[] = [];
    cleanups.push(onWarning((w) => got.push(w)));
    const undo = disableWarnings(InsecureRequestWarning);
    expect(warnInsecureRequest('c.example')).toBe(false);
    undo();
    expect(warnInsecureRequest('c.example')).toBe(true);
    expect(got).toHaveLength(1);
  });

  it('shares state through globalThis, as a second installed copy would', () => {
    const state = (globalThis as unknown as Record<symbol, { onceKeys: Set<string> }>)[
      Symbol.for('urlpool.warnings.state')
    ];
    state?.onceKeys.add('InsecureRequestWarning:d.example');
    expect(warnInsecureRequest('d.example')).toBe(false);
  });
});
