import { describe, expect, it } from 'vitest';
import {
  DependencyWarning,
  HTTPWarning,
  onWarning,
  PlatformWarning,
  SecurityWarning,
  warnOnce,
} from '../src/index.ts';

describe('PlatformWarning', () => {
  it('is an HTTPWarning, not a security or dependency warning, with a stable name and code', () => {
    const w = new PlatformWarning('maxsize is not supported');
    expect(w).toBeInstanceOf(HTTPWarning);
    expect(w).not.toBeInstanceOf(SecurityWarning);
    expect(w).not.toBeInstanceOf(DependencyWarning);
    expect(w.name).toBe('PlatformWarning');
    expect(w.code).toBe('URLPOOL_WARN_PLATFORM');
  });

  it('reaches onWarning listeners once per key through warnOnce', () => {
    const seen: HTTPWarning[] = [];
    const stop = onWarning((w) => seen.push(w));
    try {
      const make = () => new PlatformWarning('block is ignored');
      expect(warnOnce('platform-test:block', make)).toBe(true);
      expect(warnOnce('platform-test:block', make)).toBe(false);
    } finally {
      stop();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(PlatformWarning);
  });
});
