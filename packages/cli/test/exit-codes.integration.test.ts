import { createServer } from 'node:net';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as { port: number };
  await new Promise((resolve) => listener.close(resolve));
  return port;
}

describe('curl exit codes, each with a message that says what to do', () => {
  it('2: usage errors (unknown option, no URL, bad values)', async () => {
    const unknown = await runCli(['--nope', `${server.url}/get`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--nope'/);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing required argument|No URL/);
    const badTimeout = await runCli(['--timeout', 'soon', `${server.url}/get`]);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toMatch(/--timeout "soon" is not a duration: give seconds/);
    const badHeader = await runCli(['-H', 'no colon here', `${server.url}/get`]);
    expect(badHeader.code).toBe(2);
    expect(badHeader.stderr).toMatch(/write 'Name: value'/);
  });

  it('2: a header value with CR LF is refused before anything is sent (no injection)', async () => {
    const before = server.requests.length;
    const run = await runCli(['-H', 'X-Bad: a\r\nX-Injected: 1', `${server.url}/get`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/carriage return[\s\S]*-H 'Name: value'/);
    expect(server.requests.length).toBe(before);
  });

  it('2: a header value above U+00FF is refused before anything is sent', async () => {
    const before = server.requests.length;
    const run = await runCli(['-H', 'X-Bad: \u0100', `${server.url}/get`]);
    expect(run.code).toBe(2);
    expect(server.requests.length).toBe(before);
  });

  it('1: an unsupported scheme', async () => {
    const run = await runCli(['ftp://127.0.0.1/file']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/http:\/\/ or https:\/\//);
  });

  it('3: a malformed URL', async () => {
    const run = await runCli(['http://[::1/']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Check the URL/);
  });

  it('6: a host that does not resolve', async () => {
    const run = await runCli(['http://no-such-host.invalid/']);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/no-such-host\.invalid[\s\S]*Check the host name/);
  });

  it('7: nothing listening', async () => {
    const port = await closedPort();
    const run = await runCli([`http://127.0.0.1:${port}/`]);
    expect(run.code).toBe(7);
    expect(run.stderr).toMatch(/ECONNREFUSED[\s\S]*check the host and port/);
  });

  it('28: --timeout ran out', async () => {
    const run = await runCli(['--timeout', '300ms', `${server.url}/delay/5000`]);
    expect(run.code).toBe(28);
    expect(run.stderr).toMatch(/timed out[\s\S]*Raise --timeout/i);
  });

  it('28: --read-timeout between body bytes', async () => {
    const run = await runCli(['--read-timeout', '300ms', `${server.url}/stall-body?bytes=10`]);
    expect(run.code).toBe(28);
  });

  it('22: --fail on HTTP >= 400, without writing the body', async () => {
    const run = await runCli(['--fail', `${server.url}/status/404`]);
    expect(run.code).toBe(22);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toMatch(/returned error: 404/);
    const ok = await runCli([`${server.url}/status/404`]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.toString()).toBe('404');
  });

  it('47: more redirects than --max-redirs', async () => {
    const run = await runCli(['-L', '--max-redirs', '1', `${server.url}/redirect/3`]);
    expect(run.code).toBe(47);
    expect(run.stderr).toMatch(/Raise --max-redirs/);
  });

  it('18: the body ended before its Content-Length', async () => {
    const run = await runCli([`${server.url}/truncated?bytes=100`]);
    expect(run.code).toBe(18);
  });

  it('52: the server closed without a response', async () => {
    const run = await runCli([`${server.url}/disconnect`]);
    expect(run.code).toBe(52);
  });

  it('63: the body is larger than --max-size', async () => {
    const run = await runCli(['--max-size', '1k', `${server.url}/bytes/5000`]);
    expect(run.code).toBe(63);
    expect(run.stderr).toMatch(/--max-size \(1024 bytes\)[\s\S]*Raise --max-size/);
  });

  it('61: a body that does not decode per its Content-Encoding', async () => {
    const run = await runCli([`${server.url}/response-headers?Content-Encoding=gzip`]);
    expect(run.code).toBe(61);
  });

  it('23: the output file cannot be written', async () => {
    const run = await runCli(['-o', '/nonexistent-dir/out.bin', `${server.url}/bytes/10`]);
    expect(run.code).toBe(23);
    expect(run.stderr).toMatch(/Failed writing the body to "\/nonexistent-dir\/out\.bin"/);
  });

  it('26: a -d @file that cannot be read', async () => {
    const run = await runCli(['-d', '@/nonexistent-dir/body', `${server.url}/post`]);
    expect(run.code).toBe(26);
  });

  it('-s hides the message but keeps the code; -sS shows it', async () => {
    const port = await closedPort();
    const silent = await runCli(['-s', `http://127.0.0.1:${port}/`]);
    expect(silent.code).toBe(7);
    expect(silent.stderr).toBe('');
    const shown = await runCli(['-sS', `http://127.0.0.1:${port}/`]);
    expect(shown.code).toBe(7);
    expect(shown.stderr).toMatch(/ECONNREFUSED/);
  });
});
