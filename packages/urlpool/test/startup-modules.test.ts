import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 15: `import('urlpool')` took ~150 ms because Node's ESM loader paid for each of ~135
// per-file modules, and node:tls + node:crypto were loaded by plain-HTTP users too. Node now
// loads one bundle per package entry (dist/node/, the `node` condition; `index` and `internal`
// share chunks, so each class exists once) and TLS/crypto only on first use. These checks need
// the build (`pnpm build`); CI builds before it tests, so there they must not skip.

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
  'proxy-http',
  'proxy-socks',
  'fetch-manager',
  'cli',
  'urlpool',
];
const BUNDLE = `${PACKAGES}urlpool/dist/node/index.js`;
const built = existsSync(BUNDLE);
const requireBuild = process.env.CI === 'true';

describe.skipIf(!built && !requireBuild)(
  'startup: one module per package, TLS on first use',
  () => {
    it.each(PUBLIC)(
      '%s: exports list module (per-file, for bundlers), node (bundle), default (per-file)',
      (name) => {
        const pkg = JSON.parse(readFileSync(`${PACKAGES}${name}/package.json`, 'utf8'));
        const entry = pkg.exports['.'];
        expect(Object.keys(entry)).toEqual([
          '@urlpool/source',
          'types',
          'module',
          'node',
          'default',
        ]);
        expect(entry.module).toBe('./dist/index.js');
        expect(entry.node).toBe('./dist/node/index.js');
        expect(entry.default).toBe('./dist/index.js');
        for (const [subpath, conditions] of Object.entries(pkg.exports)) {
          if (subpath === '.' || subpath === './package.json') continue;
          expect((conditions as Record<string, string>).node).toBe(
            `./dist/node/${subpath.slice(2)}.js`,
          );
        }
      },
    );

    it.each(PUBLIC)(
      '%s: the Node bundle imports only packages, builtins and its chunks',
      (name) => {
        const code = readFileSync(`${PACKAGES}${name}/dist/node/index.js`, 'utf8');
        const specifiers = [
          ...code.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']/gm),
          ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
        ].map((m) => m[1]);
        const files = specifiers.filter((s) => s.startsWith('.') || s.startsWith('/'));
        expect(files.filter((s) => !/^\.\/chunk-[A-Z0-9]+\.js$/.test(s))).toEqual([]);
        expect(specifiers.filter((s) => s.startsWith('#'))).toEqual([]);
      },
    );

    it('Node loads no per-file module when importing urlpool (one instance of each class)', () => {
      // A loader hook (off-thread on Node 20) prints each URL it loads on stderr.
      const hooks =
        'data:text/javascript,export async function load(u, c, n) {' +
        ' process.stderr.write("module " + u + "\\n"); return n(u, c); }';
      const script =
        `import { register } from 'node:module';` +
        `register(${JSON.stringify(hooks)});` +
        `await import(${JSON.stringify(BUNDLE)});`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      const loaded = [...result.stderr.matchAll(/^module (file:\S+)$/gm)].map((m) => m[1]);
      expect(loaded.length).toBeGreaterThan(10);
      const perFile = loaded.filter(
        (u) => !u.includes('/dist/node/') && !u.includes('/node_modules/'),
      );
      expect(perFile).toEqual([]);
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
