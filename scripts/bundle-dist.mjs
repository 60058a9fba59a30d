// Bundles one package's tsc output into a single ES module, `dist/index.bundle.js`, which Node
// loads (the `default` export condition). Why: Node's ESM loader costs about 0.5-1 ms per module
// (resolve, package scope lookup, read, compile), so `import('urlpool')` over tsc's one file per
// source file (about 135 modules) took ~150 ms; one module per package takes it to ~9 (issue 15).
// Bundlers keep tsc's per-file output through the `module` condition, listed before `default`
// in every package's `exports`, so `sideEffects: false` still drops whole unused files there.
//
// Run from a package directory after `tsc -b` (its `build` script). Other `@urlpool/*` packages,
// dependencies and `node:` builtins stay external imports, so each package is still one instance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const entry = pkg.exports?.['.'];
if (entry?.module !== './dist/index.js' || entry?.default !== './dist/index.bundle.js') {
  throw new Error(
    `${pkg.name}: exports["."] must have "module": "./dist/index.js" before ` +
      '"default": "./dist/index.bundle.js" (see scripts/bundle-dist.mjs)',
  );
}
const external = [
  'node:*',
  '#*',
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...Object.keys(pkg.optionalDependencies ?? {}),
];
await build({
  absWorkingDir: dir,
  entryPoints: ['dist/index.js'],
  outfile: 'dist/index.bundle.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // Reads tsc's source maps, so stack traces still point at src/*.ts.
  sourcemap: true,
  legalComments: 'none',
  // esbuild rewrites a class with a static block into `const _X = class _X`; keep `X.name`.
  keepNames: true,
  logLevel: 'warning',
});

// The bundle must export exactly what the per-file build exports, under the same names, and
// every exported class must keep its name (error names, `instanceof` messages): esbuild renames
// a top-level binding only when two files declare the same one, so check rather than trust.
const perFile = await import(join(dir, 'dist/index.js'));
const bundled = await import(join(dir, 'dist/index.bundle.js'));
const a = Object.keys(perFile).sort();
const b = Object.keys(bundled).sort();
if (a.join() !== b.join()) {
  throw new Error(`${pkg.name}: bundle exports differ: [${a}] vs [${b}]`);
}
for (const key of b) {
  const value = bundled[key];
  if (typeof value === 'function' && value.name !== perFile[key].name) {
    throw new Error(`${pkg.name}: ${key} is named ${value.name} in the bundle`);
  }
}
