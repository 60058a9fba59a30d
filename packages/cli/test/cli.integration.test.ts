import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patternBytes, seededBytes, startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInTerminal } from './run-cli.ts';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(join(tmpdir(), 'urlpool-cli-'));
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function json(run: { stdout: Buffer }): Record<string, unknown> {
  return JSON.parse(run.stdout.toString('utf8')) as Record<string, unknown>;
}

describe('requests', () => {
  it('GET URL prints the body to stdout and exits 0', async () => {
    const run = await runCli([`${server.url}/get?a=1`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(json(run).args).toEqual({ a: '1' });
    expect(server.requests.at(-1)?.method).toBe('GET');
    expect(server.requests.at(-1)?.headers['user-agent']).toMatch(/^urlpool\//);
  });

  it('takes the method first, and -H headers reach the server', async () => {
    const run = await runCli([
      'delete',
      `${server.url}/delete`,
      '-H',
      'X-Team: cli',
      '-H',
      'X-Empty;',
    ]);
    expect(run.code).toBe(0);
    const seen = server.requests.at(-1);
    expect(seen?.method).toBe('DELETE');
    expect(seen?.headers['x-team']).toBe('cli');
    expect(seen?.headers['x-empty']).toBe('');
  });

  it('-d joins strings and @file contents with & and defaults to POST, urlencoded', async () => {
    const file = join(dir, 'part.txt');
    await writeFile(file, 'b=2');
    const run = await runCli(['-d', 'a=1', '-d', `@${file}`, `${server.url}/anything`]);
    expect(run.code).toBe(0);
    const seen = server.requests.at(-1);
    expect(seen?.method).toBe('POST');
    expect(seen?.body.toString()).toBe('a=1&b=2');
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('-d @- reads the body from stdin, bytes as they are', async () => {
    const bytes = Buffer.from([0, 1, 2, 0xff, 0x0a, 0x0d]);
    const run = await runCli(
      ['PUT', `${server.url}/put`, '-d', '@-', '-H', 'Content-Type: application/octet-stream'],
      bytes,
    );
    expect(run.code).toBe(0);
    expect(server.requests.at(-1)?.body.equals(bytes)).toBe(true);
  });

  it('--json sends the text with JSON Content-Type and Accept', async () => {
    const run = await runCli(['--json', '{"name":"urlpool"}', `${server.url}/post`]);
    expect(run.code).toBe(0);
    const echoed = json(run);
    expect(echoed.json).toEqual({ name: 'urlpool' });
    const seen = server.requests.at(-1);
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers.accept).toBe('application/json');
  });

  it('--json refuses text that is not JSON (exit 2, says what to do)', async () => {
    const before = server.requests.length;
    const run = await runCli(['--json', '{name:1}', `${server.url}/post`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not valid JSON.*quoting/);
    expect(server.requests.length).toBe(before);
  });

  it('-F sends text fields and streams files as multipart parts, with ;type=', async () => {
    const file = join(dir, 'report.csv');
    const content = `${'x,y\n'.repeat(50_000)}end\n`;
    await writeFile(file, content);
    const run = await runCli([
      '-F',
      'title=Q3',
      '-F',
      `data=@${file};type=text/csv`,
      `${server.url}/post`,
    ]);
    expect(run.code).toBe(0);
    const form = json(run).form as {
      fields: Record<string, string>;
      files: Record<string, { filename: string; type: string; content: string; size: number }[]>;
    };
    expect(form.fields).toEqual({ title: 'Q3' });
    expect(form.files.data?.[0]).toMatchObject({
      filename: 'report.csv',
      type: 'text/csv',
      size: content.length,
    });
    expect(form.files.data?.[0]?.content).toBe(content);
    // A streamed part: no Content-Length, the body went chunked.
    expect(server.requests.at(-1)?.headers['transfer-encoding']).toBe('chunked');
  });

  it('-F name=@missing fails before sending (exit 26)', async () => {
    const before = server.requests.length;
    const run = await runCli(['-F', `f=@${join(dir, 'missing.bin')}`, `${server.url}/post`]);
    expect(run.code).toBe(26);
    expect(run.stderr).toMatch(/cannot read .*missing\.bin.*no such file/);
    expect(server.requests.length).toBe(before);
  });

  it('-i prints the status line and headers before the body; -I sends HEAD', async () => {
    const run = await runCli(['-i', `${server.url}/response-headers?X-Demo=yes`]);
    expect(run.code).toBe(0);
    const text = run.stdout.toString();
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toMatch(/\r\nX-Demo: yes\r\n/);
    expect(text).toMatch(/\r\n\r\n\{/);
    const head = await runCli(['-I', `${server.url}/get`]);
    expect(head.code).toBe(0);
    expect(head.stdout.toString()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n$/);
    expect(server.requests.at(-1)?.method).toBe('HEAD');
  });

  it('-i with -o writes the head into the file before the body, as curl does', async () => {
    const file = join(dir, 'with-head.txt');
    const run = await runCli(['-i', '-o', file, `${server.url}/bytes/16?seed=3`]);
    expect(run.code).toBe(0);
    const saved = await readFile(file);
    const split = saved.indexOf('\r\n\r\n');
    expect(saved.subarray(0, split).toString()).toMatch(
      /^HTTP\/1\.1 200 OK\r\n[\s\S]*Content-Length: 16/,
    );
    expect(saved.subarray(split + 4).equals(seededBytes(16, 3))).toBe(true);
  });

  it('-L follows redirects; without it the 3xx is the answer', async () => {
    const followed = await runCli(['-L', `${server.url}/redirect/2`]);
    expect(followed.code).toBe(0);
    expect(json(followed).url).toBe(`${server.url}/get`);
    const plain = await runCli(['-i', `${server.url}/redirect/1`]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.toString()).toMatch(/^HTTP\/1\.1 302 /);
  });

  it('--retries with --retry-status retries an error status until it passes', async () => {
    const run = await runCli([
      '--retries',
      '2',
      '--retry-status',
      '503',
      `${server.url}/retry?key=cli&failures=2&status=503`,
    ]);
    expect(run.code).toBe(0);
    expect(json(run).attempts).toBe(3);
  });
});

describe('-o FILE', () => {
  it('writes the body to the file, with no progress bar when stderr is not a terminal', async () => {
    const file = join(dir, 'large.bin');
    const run = await runCli(['-o', file, `${server.url}/large?size=3m`]);
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toBe('');
    expect((await readFile(file)).equals(patternBytes(3 * 1024 * 1024))).toBe(true);
  });

  it('draws the progress bar (size, speed, ETA) on a terminal', async () => {
    const file = join(dir, 'tty.bin');
    const run = await runCliInTerminal([
      '-o',
      file,
      `${server.url}/drip?numbytes=400&duration=1000`,
    ]);
    expect(run.code).toBe(0);
    const screen = run.stdout.toString('utf8');
    // Drawn while bytes trickle in (a partial bar), then complete.
    expect(screen).toMatch(/░+ +\d{1,2}% \| \d+ B\/400 B \| [\d.]+ (B|KiB)\/s \| ETA \d+s/);
    expect(screen).toMatch(/█{30} 100% \| 400 B\/400 B \| [\d.]+ (B|KiB)\/s \| ETA 0s/);
    expect((await readFile(file)).equals(Buffer.alloc(400, '*'))).toBe(true);
  });

  it('shows size and speed without a total for a chunked body', async () => {
    const file = join(dir, 'chunked.bin');
    const run = await runCliInTerminal(['-o', file, `${server.url}/large?size=1m&chunked=1`]);
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8')).toMatch(/1\.00 MiB \| [\d.]+ (B|KiB|MiB|GiB)\/s \| /);
    expect((await readFile(file)).length).toBe(1024 * 1024);
  });

  it('shows an upload bar while the body is sent, then the download bar', async () => {
    const body = join(dir, 'upload.bin');
    await writeFile(body, Buffer.alloc(300 * 1024, 'u'));
    const file = join(dir, 'answer.json');
    const run = await runCliInTerminal(['-d', `@${body}`, '-o', file, `${server.url}/drain`]);
    expect(run.code).toBe(0);
    const screen = run.stdout.toString('utf8');
    expect(screen).toMatch(/↑ █{30} 100% \| 300\.0 KiB\/300\.0 KiB \|/);
    expect(screen).toMatch(/↓ █{30} 100% \| \d+ B\/\d+ B \|/);
    expect(JSON.parse(await readFile(file, 'utf8')).bytes).toBe(300 * 1024);
  });

  it('counts an encoded body against its Content-Length (bytes as received)', async () => {
    const file = join(dir, 'decoded.bin');
    const run = await runCliInTerminal(['-o', file, `${server.url}/encoding/gzip?size=200000`]);
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8')).toMatch(/█{30} 100% \| [\d.]+ (B|KiB)\/[\d.]+ (B|KiB) \|/);
    expect((await readFile(file)).equals(patternBytes(200000))).toBe(true);
  });

  it('--no-progress and -s keep the terminal quiet', async () => {
    const file = join(dir, 'quiet.bin');
    const run = await runCliInTerminal(['-s', '-o', file, `${server.url}/bytes/5000`]);
    expect(run.code).toBe(0);
    expect(run.stdout.toString()).not.toMatch(/ETA|KiB\/s/);
  });
});

describe('-v', () => {
  it('prints the response head and per-phase timings on stderr, the body on stdout', async () => {
    const run = await runCli(['-v', `${server.url}/get`]);
    expect(run.code).toBe(0);
    expect(json(run).url).toBe(`${server.url}/get`);
    expect(run.stderr).toMatch(/^< HTTP\/1\.1 200 OK$/m);
    expect(run.stderr).toMatch(/^< Content-Type: application\/json$/m);
    expect(run.stderr).toMatch(
      /^\* Timings to the response head: queued [\d.]+ ms, connect [\d.]+ ms, first byte [\d.]+ ms, total [\d.]+ ms$/m,
    );
    expect(run.stderr).toMatch(
      /^\* Timings to the end of the body: .*body [\d.]+ ms, total [\d.]+ ms$/m,
    );
  });

  it('shows each request head as sent, for every redirect and retry', async () => {
    const run = await runCli(['-v', '-L', '-H', 'X-Trace: 1', `${server.url}/redirect/1`]);
    expect(run.code).toBe(0);
    const heads = run.stderr.match(/^> (GET \S+) HTTP\/1\.1$/gm);
    expect(heads).toEqual(['> GET /redirect/1 HTTP/1.1', '> GET /get HTTP/1.1']);
    expect(run.stderr).toMatch(/^> X-Trace: 1$/m);
    expect(run.stderr).toMatch(/^< HTTP\/1\.1 200 OK$/m);
  });
});
