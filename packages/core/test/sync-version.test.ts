import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/sync-version.mjs', import.meta.url));

describe('scripts/sync-version.mjs', () => {
  it('agrees that src/version.ts is up to date (--check exits 0)', () => {
    expect(() =>
      execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
