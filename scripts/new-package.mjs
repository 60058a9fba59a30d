// Scaffolds packages/<name>: package.json, tsconfigs, vitest config. Usage:
//   node scripts/new-package.mjs <name> "<description>" [dep ...] [--private]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const [name, description, ...rest] = process.argv.slice(2);
const isPrivate = rest.includes('--private');
const deps = rest.filter((d) => !d.startsWith('--'));
const dir = `packages/${name}`;
const npmName = name === 'urlpool' ? 'urlpool' : `@urlpool/${name}`;
mkdirSync(`${dir}/src`, { recursive: true });
mkdirSync(`${dir}/test`, { recursive: true });
const pkg = {
  name: npmName,
  version: '0.1.0',
  description,
  license: 'MIT',
  type: 'module',
  ...(isPrivate ? { private: true } : {}),
  sideEffects: false,
  engines: { node: '>=20.19' },
  exports: {
    '.': {
      '@urlpool/source': './src/index.ts',
      types: './dist/index.d.ts',
      default: './dist/index.js',
    },
    './package.json': './package.json',
  },
  files: ['dist', 'src', '!**/*.tsbuildinfo'],
  scripts: {
    build: 'tsc -b',
    typecheck: 'tsc -p tsconfig.test.json',
    test: 'vitest run',
  },
  dependencies: Object.fromEntries(
    deps.map((d) => [
      d.startsWith('@') || d === 'urlpool' ? (d === 'urlpool' ? d : d) : `@urlpool/${d}`,
      'workspace:*',
    ]),
  ),
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
if (!existsSync(`${dir}/src/index.ts`)) writeFileSync(`${dir}/src/index.ts`, 'export {};\n');
