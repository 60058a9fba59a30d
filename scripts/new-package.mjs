// Scaffolds packages/<name>: package.json, tsconfigs, vitest config. Usage:
//   node scripts/new-package.mjs <name> "<description>" [dep ...] [--private]
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';

// Where the packages are published from (package.json `repository`, `homepage`, `bugs`).
const REPO = 'https://github.com/urlpool/urlpool';

const [name, description, ...rest] = process.argv.slice(2);
const isPrivate = rest.includes('--private');
const deps = rest.filter((d) => !d.startsWith('--'));
const dir = `packages/${name}`;
const npmName = name === 'urlpool' ? 'urlpool' : `@urlpool/${name}`;
mkdirSync(`${dir}/src`, { recursive: true });
mkdirSync(`${dir}/test`, { recursive: true });
// What Node and bundlers load (see scripts/bundle-dist.mjs); the published exports are these
// without the in-repo `@urlpool/source` condition.
const published = {
  types: './dist/index.d.ts',
  module: './dist/index.js',
  node: './dist/node/index.js',
  default: './dist/index.js',
};
const pkg = {
  name: npmName,
  version: '0.1.0',
  description,
  license: 'MIT',
  ...(isPrivate
    ? {}
    : {
        repository: { type: 'git', url: `git+${REPO}.git`, directory: dir },
        homepage: `${REPO}/tree/main/${dir}#readme`,
        bugs: { url: `${REPO}/issues` },
      }),
  type: 'module',
  ...(isPrivate ? { private: true } : {}),
  sideEffects: false,
  engines: { node: '>=20.19' },
  main: published.default,
  types: published.types,
  exports: {
    '.': { '@urlpool/source': './src/index.ts', ...published },
    './package.json': './package.json',
  },
  files: ['dist', 'src', '!**/*.tsbuildinfo'],
  scripts: {
    build:
      'tsc -b && node ../../scripts/dts-js-extensions.mjs && node ../../scripts/bundle-dist.mjs',
    typecheck: 'tsc -p tsconfig.test.json',
    test: 'vitest run',
  },
  dependencies: Object.fromEntries(
    deps.map((d) => [
      d.startsWith('@') || d === 'urlpool' ? (d === 'urlpool' ? d : d) : `@urlpool/${d}`,
      'workspace:*',
    ]),
  ),
  // What ships: the same exports without the in-repo `@urlpool/source` condition (pnpm applies
  // publishConfig at pack time; scripts/check-packages.mjs verifies the tarball).
  ...(isPrivate
    ? {}
    : {
        publishConfig: {
          exports: { '.': published, './package.json': './package.json' },
        },
      }),
};
if (!existsSync(`${dir}/package.json`))
  writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(
  `${dir}/tsconfig.json`,
  JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist' },
      include: ['src'],
      references: deps.map((d) => ({ path: `../${d.replace('@urlpool/', '')}` })),
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  `${dir}/tsconfig.test.json`,
  JSON.stringify({ extends: '../../tsconfig.check.json', include: ['src', 'test'] }, null, 2) +
    '\n',
);
writeFileSync(`${dir}/vitest.config.ts`, "export { default } from '../../vitest.shared.ts';\n");
if (!isPrivate && !existsSync(`${dir}/LICENSE`)) copyFileSync('LICENSE', `${dir}/LICENSE`);
if (!existsSync(`${dir}/src/index.ts`)) writeFileSync(`${dir}/src/index.ts`, 'export {};\n');
