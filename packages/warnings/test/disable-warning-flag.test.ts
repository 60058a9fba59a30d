import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

// Emits one of each kind, the insecure one twice for the same host.
const script = `
const w = await import(${JSON.stringify(entry)});
w.warnInsecureRequest('flag.example');
w.warnInsecureRequest('flag.example');
w.emitWarning(new w.DependencyWarning('dep missing'));
`;

async function stderrOf(flags: string[]): Promise<string> {
  const { stderr } = await run(
    process.execPath,
    [...flags, '--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: root },
  );
  return stderr;
}

describe('node warning flags (child process)', () => {
  it('prints urlpool warnings under their class name, the insecure one once', async () => {
    const stderr = await stderrOf([]);
    expect(stderr.match(/InsecureRequestWarning: Unverified HTTPS request/g)).toHaveLength(1);
    expect(stderr).toContain("'flag.example'");
    expect(stderr).toContain('DependencyWarning: dep missing');
  });

  it('--disable-warning=InsecureRequestWarning silences only that type', async () => {
    const stderr = await stderrOf(['--disable-warning=InsecureRequestWarning']);
    expect(stderr).not.toContain('InsecureRequestWarning');
    expect(stderr).toContain('DependencyWarning: dep missing');
  });

  it('--disable-warning also matches the stable code', async () => {
    const stderr = await stderrOf(['--disable-warning=URLPOOL_WARN_DEPENDENCY']);
    expect(stderr).not.toContain('DependencyWarning');
    expect(stderr).toContain('InsecureRequestWarning');
  });
});
