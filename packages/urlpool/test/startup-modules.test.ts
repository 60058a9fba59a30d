import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 15: `import('urlpool')` took ~150 ms because Node's ESM loader paid for each of ~135
// per-file modules, and node:tls + node:crypto were loaded by plain-HTTP users too. Node now
// loads one module per package (dist/index.bundle.js) and TLS/crypto only on first use. These
// checks need the build (`pnpm build`); CI builds before it tests, so there they must not skip.

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const PUBLIC = [
  'warnings',
  'core',
  'decoders',
  'tls-config',
  'response-streams',
  'connection',
  'pool',
  'pool-manager',
  'proxy-socks',
  'cli',
  'urlpool',
];
const BUNDLE = `${PACKAGES}urlpool/dist/index.bundle.js`;
const built = existsSync(BUNDLE);
const requireBuild = process.env.CI === 'true';

describe.skipIf(!built && !requireBuild)(
  'startup: one module per package, TLS on first use',
  () => {
    it.each(PUBLIC)(
      '%s: exports list module (per-file, for bundlers) before default (bundle)',
      (name) => {
        const pkg = JSON.parse(readFileSync(`${PACKAGES}${name}/package.json`, 'utf8'));
        const entry = pkg.exports['.'];
        expect(Object.keys(entry)).toEqual(['@urlpool/source', 'types', 'module', 'default']);
        expect(entry.module).toBe('./dist/index.js');
        expect(entry.default).toBe('./dist/index.bundle.js');
      },
    );

    it.each(PUBLIC)('%s: the Node bundle imports only packages and builtins, no file', (name) => {
      const code = readFileSync(`${PACKAGES}${name}/dist/index.bundle.js`, 'utf8');
      const specifiers = [
        ...code.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']/gm),
      ].map((m) => m[1]);
      const relative = specifiers.filter((s) => s.startsWith('.') || s.startsWith('/'));
      expect(relative).toEqual([]);
    });

    it('importing urlpool loads neither node:tls nor node:crypto', () => {
      const script =
        `await import(${JSON.stringify(BUNDLE)});` +
        'const list = process.moduleLoadList.filter((m) => /^NativeModule (tls|_tls_wrap|crypto)$/.test(m));' +
        'process.stdout.write(JSON.stringify(list));';
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual([]);
    });
  },
);
