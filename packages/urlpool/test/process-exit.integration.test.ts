import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  generateTestCertificates,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 9 item 10: the process did not exit while a server held an idle keep-alive
// connection: one `await request(...)` and nothing else ran until the server's keep-alive
// timeout (30-65 s), where undici, fetch and node:http exit in under 1 s.

const SCRIPT = fileURLToPath(new URL('./fixtures/exit-script.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The child is killed after this long: today's bug would hold it for the keep-alive timeout. */
const KILL_AFTER_MS = 8000;

interface ExitTiming {
  /** ms from the script printing "done" to the process exiting; null if it had to be killed. */
  exitAfterDoneMs: number | null;
  stdout: string;
  stderr: string;
  code: number | null;
  /** Connections the server held open when the script said it was done. */
  openWhenDone: number;
}

function runScript(
  mode: string,
  server: TestServer,
  env: Record<string, string> = {},
): Promise<ExitTiming> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@urlpool/source', '--import', 'tsx', SCRIPT, mode, server.url],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let doneAt: number | null = null;
    let openWhenDone = -1;
    const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (doneAt === null && stdout.includes('done ')) {
        doneAt = performance.now();
        openWhenDone = server.openConnections;
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      const exitedAt = performance.now();
      resolve({
        exitAfterDoneMs: doneAt === null || signal === 'SIGKILL' ? null : exitedAt - doneAt,
        stdout,
        stderr,
        code,
        openWhenDone,
      });
    });
  });
}

let server: TestServer;
let httpsServer: TestServer;
let certs: TestCertificates;

beforeAll(async () => {
  certs = await generateTestCertificates();
  // Keep-alive far longer than the test waits: only urlpool can end these connections.
  [server, httpsServer] = await Promise.all([
    startTestServer({ keepAliveTimeoutMs: 120_000, recordRequests: false }),
    startTestServer({
      keepAliveTimeoutMs: 120_000,
      recordRequests: false,
      tls: { key: certs.server.key, cert: certs.server.cert },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([server.close(), httpsServer.close()]);
});

describe('a script exits promptly while the server keeps its connection open', () => {
  it.each([
    ['one top-level request()', 'request'],
    ['one PoolManager (with a total timeout)', 'manager'],
    ['one HTTPConnectionPool', 'pool'],
    ['a streamed response read to its end', 'stream'],
  ])('%s', async (_, mode) => {
    const timing = await runScript(mode, server);
    expect(timing.stderr).not.toMatch(/failed:/);
    expect(timing.stdout).toContain('done 200');
    expect(timing.openWhenDone).toBeGreaterThanOrEqual(1);
    expect(timing.exitAfterDoneMs).not.toBeNull();
    expect(timing.exitAfterDoneMs!).toBeLessThan(1000);
    expect(timing.code).toBe(0);
  });

  it('one HTTPSConnectionPool (TLS socket unref)', async () => {
    const timing = await runScript('https-pool', httpsServer, { URL_CA: certs.ca.cert });
    expect(timing.stderr).not.toMatch(/failed:/);
    expect(timing.stdout).toContain('done 200');
    expect(timing.openWhenDone).toBeGreaterThanOrEqual(1);
    expect(timing.exitAfterDoneMs).not.toBeNull();
    expect(timing.exitAfterDoneMs!).toBeLessThan(1000);
  });
});
