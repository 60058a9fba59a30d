// Ported from urllib3's test/test_util.py: test_disable_warnings (the rest of that file is
// ported in packages/core/test/urllib3-util.test.ts). Python's warnings.catch_warnings(record=True)
// becomes an onWarning listener.
import { afterEach, describe, expect, it } from 'vitest';
import { disableWarnings, emitWarning, InsecureRequestWarning, onWarning } from '../src/index.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('urllib3 test_util: disableWarnings', () => {
  it('silences warnings emitted after it is called', () => {
    const recorded: Error[] = [];
    cleanups.push(onWarning((w) => recorded.push(w)));
    emitWarning(new InsecureRequestWarning('This is a test.'));
    expect(recorded).toHaveLength(1);
    cleanups.push(disableWarnings());
    emitWarning(new InsecureRequestWarning('This is a test.'));
    expect(recorded).toHaveLength(1);
  });
});
