// Packs every public package (packages/*/package.json without "private") the way `pnpm publish`
// would, then checks what a user would get:
//   1. package metadata: LICENSE (the root's), repository/homepage/bugs, no workspace protocol,
//      no in-repo `@urlpool/source` condition or `src` entry in the packed package.json, no `.ts`
//      specifier left in a published `.d.ts` (TypeScript < 5 cannot resolve those);
//   2. publint --strict and @arethetypeswrong/cli on each tarball;
//   3. a scratch project in a temp dir installs the tarballs offline (pnpm's store, filled by the
//      workspace install) and runs an ESM script and a CommonJS require() script (on this Node
//      and on Node 24, see node-24.mjs) and strict tsc checks
//      (nodenext ESM + CJS, bundler, and node16 with the oldest supported TypeScript).
// Run after `pnpm build` (part of `pnpm test:all`). `--keep` keeps the temp dir.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ensureNode24 } from './node-24.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const started = Date.now();
const failures = [];
const fail = (message) => failures.push(message);

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', ...options });
}

function step(label, command, args, options) {
  const begun = Date.now();
  const took = () => `(${((Date.now() - begun) / 1000).toFixed(1)}s)`;
  try {
    run(command, args, options);
    console.log(`ok   ${label} ${took()}`);
  } catch (error) {
    fail(`${label}\n${error.stdout ?? ''}${error.stderr ?? ''}`.trimEnd());
    console.log(`FAIL ${label} ${took()}`);
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const publicPackages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(root, 'packages', entry.name))
  .flatMap((dir) => {
    try {
      const pkg = readJson(join(dir, 'package.json'));
      return pkg.private === true ? [] : [{ dir, pkg }];
    } catch {
      return [];
    }
  });

const scratch = mkdtempSync(join(tmpdir(), 'urlpool-packages-'));
const tarballs = join(scratch, 'tarballs');
const unpacked = join(scratch, 'unpacked');
mkdirSync(tarballs);
mkdirSync(unpacked);
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
// The fixtures copied into the scratch project. Their package.json holds the oldest supported
// TypeScript (a workspace package of its own, so its `tsc` never shadows the workspace's).
const fixtures = join(root, 'scripts', 'package-consumer');
const minimum = readJson(join(fixtures, 'node_modules', 'typescript', 'package.json')).version;
const changesetFixed = readJson(join(root, '.changeset', 'config.json')).fixed.flat();

// What ships from a package's source tree is checked before packing (a clear message beats a
// publint line about a tarball).
function checkSource({ dir, pkg }) {
  const where = relative(root, dir);
  const problems = [];
  try {
    if (readFileSync(join(dir, 'LICENSE'), 'utf8') !== license)
      problems.push('LICENSE differs from the root LICENSE');
  } catch {
    problems.push('no LICENSE (copy the root LICENSE)');
  }
  if (pkg.repository?.directory !== where) problems.push(`repository.directory is not "${where}"`);
  if (typeof pkg.homepage !== 'string') problems.push('no homepage');
  if (typeof pkg.bugs?.url !== 'string') problems.push('no bugs.url');
  const { '@urlpool/source': _source, ...published } = pkg.exports?.['.'] ?? {};
  const withoutSource = Object.entries(pkg.exports ?? {}).map(([path, target]) => {
    if (typeof target !== 'object' || target === null) return [path, target];
    const { '@urlpool/source': _in, ...rest } = target;
    return [path, rest];
  });
  const expected = JSON.stringify(Object.fromEntries(withoutSource));
  if (JSON.stringify(pkg.publishConfig?.exports) !== expected)
    problems.push(
      `publishConfig.exports must be the exports without "@urlpool/source": ${expected}`,
    );
  if (pkg.main !== published.default || pkg.types !== published.types)
    problems.push(
      `main/types must be exports["."].default/types (${published.default}, ${published.types})`,
    );
  if (!/dts-js-extensions/.test(pkg.scripts?.build ?? ''))
    problems.push('build script does not run ../../scripts/dts-js-extensions.mjs');
  const promise = `TypeScript >= ${minimum.split('.').slice(0, 2).join('.')}`;
  if (!readFileSync(join(dir, 'README.md'), 'utf8').includes(promise))
    problems.push(`README.md does not state "${promise}" (see ## Requirements in packages/core)`);
  if (!changesetFixed.includes(pkg.name))
    problems.push('missing from .changeset/config.json "fixed"');
  for (const problem of problems) fail(`${pkg.name} (${where}): ${problem}`);
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${pkg.name} metadata`);
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

function checkTarball(name, tarball) {
  const into = join(unpacked, name.replace('/', '__'));
  mkdirSync(into);
  run('tar', ['-xzf', tarball, '-C', into]);
  const manifestText = readFileSync(join(into, 'package', 'package.json'), 'utf8');
  const problems = [];
  if (manifestText.includes('@urlpool/source'))
    problems.push('packed package.json has @urlpool/source');
  if (manifestText.includes('workspace:'))
    problems.push('packed package.json has workspace: ranges');
  if (/"\.\/src\//.test(JSON.stringify(readJson(join(into, 'package', 'package.json')).exports)))
    problems.push('packed exports point into src/');
  for (const file of files(join(into, 'package'))) {
    if (!/\.d\.[mc]?ts$/.test(file)) continue;
    const bad = /(['"])\.{1,2}\/[^'"\n]*?(?<!\.d)\.[mc]?ts\1/.exec(readFileSync(file, 'utf8'));
    if (bad !== null) problems.push(`${relative(into, file)} imports ${bad[0]}`);
  }
  for (const problem of problems) fail(`${name} tarball: ${problem}`);
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name} tarball contents`);
}

try {
  for (const entry of publicPackages) checkSource(entry);

  const packed = new Map();
  for (const { dir, pkg } of publicPackages) {
    const before = new Set(readdirSync(tarballs));
    run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir });
    const tarball = readdirSync(tarballs).find((file) => !before.has(file));
    packed.set(pkg.name, join(tarballs, tarball));
  }
  console.log(`packed ${packed.size} packages into ${tarballs}`);

  for (const [name, tarball] of packed) {
    checkTarball(name, tarball);
    step(`${name} publint`, bin('publint'), ['run', tarball, '--strict']);
    // ESM only by design: require() of these packages works on Node >= 20.19 (require(esm)), and
    // TypeScript >= 5.8 types it, which attw's bundled TypeScript does not know yet.
    step(`${name} attw`, bin('attw'), [
      tarball,
      // Node >= 20.19 and TypeScript's node16/nodenext/bundler resolution only: node10 resolution
      // cannot read `exports` or the `#platform/*` subpath imports at all.
      '--profile',
      'node16',
      '--ignore-rules',
      'cjs-resolves-to-esm',
      // attw exits 1 on node10's failure to read `#platform/*` even when that resolution is
      // ignored; the strict tsc consumers below (TS 6 nodenext + bundler, TS 5.7) resolve the
      // same declarations for real and fail on any internal resolution error.
      'internal-resolution-error',
      // `./internal` subpaths are for urlpool's own packages (Node 16+ resolution only).
      '--exclude-entrypoints',
      './internal',
      '--format',
      'ascii',
      '--no-color',
    ]);
  }

  // The scratch consumer: every tarball as a dependency, and as an override so that packages'
  // dependencies on each other resolve to the tarballs too. TypeScript and @types/node: the
  // workspace's exact versions (already in the store).
  const consumer = join(scratch, 'consumer');
  mkdirSync(consumer);
  const fileSpec = (tarball) => `file:${tarball}`;
  const versionOf = (name) => readJson(join(root, 'node_modules', name, 'package.json')).version;
  const dependencies = Object.fromEntries([...packed].map(([name, t]) => [name, fileSpec(t)]));
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify(
      {
        name: 'urlpool-consumer',
        private: true,
        type: 'module',
        dependencies,
        devDependencies: {
          typescript: versionOf('typescript'),
          '@types/node': versionOf('@types/node'),
        },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    join(consumer, 'pnpm-workspace.yaml'),
    `overrides:\n${[...packed].map(([n, t]) => `  "${n}": "${fileSpec(t)}"`).join('\n')}\n`,
  );
  for (const file of readdirSync(fixtures)) {
    if (/\.(mjs|cjs|ts|cts)$/.test(file))
      writeFileSync(join(consumer, file), readFileSync(join(fixtures, file)));
  }
  const names = [...packed.keys()];
  writeFileSync(join(consumer, 'packages.json'), `${JSON.stringify(names)}\n`);
  writeFileSync(
    join(consumer, 'all-packages.ts'),
    `${names.map((n, i) => `import * as p${i} from '${n}';`).join('\n')}\n` +
      `export const all: readonly object[] = [${names.map((_, i) => `p${i}`).join(', ')}];\n`,
  );
  const compilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'es2022',
    lib: ['es2022'],
    types: ['node'],
  };
  const tsconfig = (name, options, include) =>
    writeFileSync(
      join(consumer, name),
      JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, files: include }),
    );
  tsconfig('tsconfig.nodenext.json', { module: 'nodenext' }, [
    'all-packages.ts',
    'check.ts',
    'check-cjs.cts',
  ]);
  tsconfig('tsconfig.node16.json', { module: 'node16' }, ['all-packages.ts', 'check.ts']);
  tsconfig('tsconfig.bundler.json', { module: 'esnext', moduleResolution: 'bundler' }, [
    'all-packages.ts',
    'check.ts',
  ]);

  step('scratch project: pnpm install --offline (tarballs)', 'pnpm', ['install', '--offline'], {
    cwd: consumer,
  });
  step('scratch project: ESM import + request', process.execPath, ['esm.mjs'], { cwd: consumer });
  // The in-repo condition must mean nothing to a published package.
  step(
    'scratch project: ESM with --conditions=@urlpool/source',
    process.execPath,
    ['--conditions=@urlpool/source', 'esm.mjs'],
    { cwd: consumer },
  );
  step('scratch project: CommonJS require() + request', process.execPath, ['cjs.cjs'], {
    cwd: consumer,
  });
  // The same two scripts on Node 24 (require(esm) without the 20.x caveats, native zstd).
  const node24 = join(ensureNode24().binDir, 'node');
  step('scratch project: ESM import + request on Node 24', node24, ['esm.mjs'], { cwd: consumer });
  step('scratch project: CommonJS require() + request on Node 24', node24, ['cjs.cjs'], {
    cwd: consumer,
  });
  const tsc = join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  step(
    'scratch project: tsc strict, module nodenext (ESM + CJS)',
    process.execPath,
    [tsc, '-p', 'tsconfig.nodenext.json'],
    { cwd: consumer },
  );
  step(
    'scratch project: tsc strict, moduleResolution bundler',
    process.execPath,
    [tsc, '-p', 'tsconfig.bundler.json'],
    { cwd: consumer },
  );
  // The oldest TypeScript the READMEs promise (5.7: the declarations use `Uint8Array<…>` and
  // `NoInfer`): the fixtures' own devDependency.
  step(
    `scratch project: TypeScript ${minimum} strict, module node16`,
    process.execPath,
    [join(fixtures, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.node16.json'],
    { cwd: consumer },
  );
} finally {
  if (process.argv.includes('--keep')) console.log(`scratch kept: ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`\n${failures.join('\n\n')}`);
  console.error(`\ncheck-packages: ${failures.length} problem(s) (${seconds}s)`);
  process.exitCode = 1;
} else {
  console.log(`check-packages: ${publicPackages.length} packages publishable (${seconds}s)`);
}
