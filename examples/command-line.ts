// The `urlpool` command (package @urlpool/cli): a download with -o, as a user runs it. In
// `pnpm demo` the command writes to this terminal, so its progress bar (size, speed, ETA) is
// drawn while the body trickles in; in `pnpm examples` its output is captured and checked.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example } from './example-context.ts';

const BIN = fileURLToPath(new URL('../packages/cli/src/bin.ts', import.meta.url));

function urlpool(args: readonly string[], showOnTerminal: boolean): Promise<number | null> {
  // From source, as in the repository's tests; an installed package runs `urlpool ARGS`.
  const child = spawn(
    process.execPath,
    ['--conditions=@urlpool/source', '--import', 'tsx', BIN, ...args],
    { stdio: showOnTerminal ? 'inherit' : 'ignore' },
  );
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
}

export const commandLine: Example = {
  title: 'Command line: urlpool -o FILE with a progress bar',
  async run({ server, log, verbose }) {
    const dir = await mkdtemp(join(tmpdir(), 'urlpool-demo-'));
    try {
      const file = join(dir, 'download.bin');
      // 3000 bytes dripped over about three seconds: slow enough to watch the bar move.
      const size = verbose ? 3000 : 300;
      const url = `${server.url}/drip?numbytes=${size}&duration=${verbose ? 3000 : 300}`;
      log(`$ urlpool -o ${file} '${url}'`);
      if (verbose && process.stderr.isTTY !== true) {
        log('(stderr is not a terminal here, so urlpool draws no bar, as curl does)');
      }
      const code = await urlpool(['-o', file, url], verbose);
      assert.equal(code, 0);
      const body = await readFile(file);
      assert.equal(body.length, size);
      log(`exit code ${code}; ${body.length} bytes in ${file}`);

      // Failures exit with curl's codes: 22 for an HTTP error with --fail.
      const failed = await urlpool(['--fail', '-s', `${server.url}/status/404`], false);
      assert.equal(failed, 22);
      log(`$ urlpool --fail -s ${server.url}/status/404  -> exit code ${failed}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
