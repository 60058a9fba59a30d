// Bundles one package's tsc output for Node into `dist/node/` (the `node` export condition).
// Why: Node's ESM loader costs about 0.5-1 ms per module (resolve, package scope lookup, read,
// compile), so `import('urlpool')` over tsc's one file per source file (about 135 modules) took
// ~150 ms; a few modules per package take it to a fraction (issue 15).
//
// - Every entry of the package's `exports` (`.` and, where there is one, `./internal`) is built
//   in ONE esbuild run with code splitting, so what `index` and `internal` share lives in one
//   chunk: one module instance of each class, symbol and WeakMap, whichever entry a sibling
//   package imports.
// - `#platform/*` imports are resolved for Node at build time (the `node` condition of the
//   package's `imports` map) and inlined, so the Node bundle never loads per-file modules.
// - Other `@urlpool/*` packages, dependencies and `node:` builtins stay external imports, so each
//   package is still one instance.
// Bundlers (`module` condition) and other runtimes (`default`) keep tsc's per-file output, so
// `sideEffects: false` still drops whole unused files and `#platform/*` picks their variant.
//
// Run from a package directory after `tsc -b` (its `build` script).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** `{ index: 'dist/index.js', internal: 'dist/internal.js' }` from the package's exports. */
const entryPoints = {};
for (const [subpath, conditions] of Object.entries(pkg.exports ?? {})) {
  if (subpath === './package.json') continue;
  const name = subpath === '.' ? 'index' : subpath.slice(2);
  const perFile = `./dist/${name}.js`;
  const keys = Object.keys(conditions);
  const expected = subpath === '.' ? ['module', 'node', 'default'] : ['node', 'default'];
  if (
    keys.filter((k) => k !== '@urlpool/source' && k !== 'types').join() !== expected.join() ||
    conditions.node !== `./dist/node/${name}.js` ||
    conditions.default !== perFile ||
    (subpath === '.' && conditions.module !== perFile)
  ) {
    throw new Error(
      `${pkg.name}: exports["${subpath}"] must be { types, ${subpath === '.' ? `module: "${perFile}", ` : ''}` +
        `node: "./dist/node/${name}.js", default: "${perFile}" } (see scripts/bundle-dist.mjs)`,
    );
  }
  entryPoints[name] = perFile.slice(2);
}

const external = [
  'node:*',
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...Object.keys(pkg.optionalDependencies ?? {}),
];
rmSync(join(dir, 'dist/node'), { recursive: true, force: true });
await build({
  absWorkingDir: dir,
  entryPoints,
  outdir: 'dist/node',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'node',
  // `#platform/*` resolves through the package's `imports` map with these conditions.
  conditions: ['node'],
  target: 'node20',
  external,
  // Reads tsc's source maps, so stack traces still point at src/*.ts.
  sourcemap: true,
  legalComments: 'none',
  // esbuild rewrites a class with a static block into `const _X = class _X`; keep `X.name`.
  keepNames: true,
  logLevel: 'warning',
});

// Each bundle must export exactly what its per-file entry exports, under the same names, and
// every exported class must keep its name (error names, `instanceof` messages): esbuild renames
// a top-level binding only when two files declare the same one, so check rather than trust.
for (const [name, perFilePath] of Object.entries(entryPoints)) {
  const perFile = await import(join(dir, perFilePath));
  const bundled = await import(join(dir, `dist/node/${name}.js`));
  const a = Object.keys(perFile).sort();
  const b = Object.keys(bundled).sort();
  if (a.join() !== b.join()) {
    throw new Error(`${pkg.name}: dist/node/${name}.js exports differ: [${a}] vs [${b}]`);
  }
  for (const key of b) {
    const value = bundled[key];
    if (typeof value === 'function' && value.name !== perFile[key].name) {
      throw new Error(`${pkg.name}: ${key} is named ${value.name} in dist/node/${name}.js`);
    }
  }
}
