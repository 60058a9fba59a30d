import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.ts';
import type { ResolvedCliOptions } from '../src/cli-options.ts';
import { parseFormField } from '../src/form-field.ts';
import { HelpShown, parseCliArgs } from '../src/parse-args.ts';
import { parseDuration, parseSize } from '../src/parse-values.ts';

function parse(...argv: string[]): ResolvedCliOptions {
  const written: string[] = [];
  const result = parseCliArgs(argv, '9.9.9', {
    writeOut: (t) => written.push(t),
    writeErr: (t) => written.push(t),
  });
  if (result instanceof HelpShown) throw new Error(`help shown: ${written.join('')}`);
  return result;
}

function usage(...argv: string[]): CliError {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return error as CliError;
  }
  throw new Error('expected a usage error');
}

describe('parseCliArgs', () => {
  it('takes URL alone, or METHOD URL, and picks the default method', () => {
    expect(parse('http://h/').method).toBe('GET');
    expect(parse('put', 'http://h/').method).toBe('PUT');
    expect(parse('-d', 'x', 'http://h/').method).toBe('POST');
    expect(parse('-I', 'http://h/').method).toBe('HEAD');
    expect(parse('-X', 'PATCH', 'http://h/').method).toBe('PATCH');
    expect(parse('h:8080/x').url).toBe('http://h:8080/x');
  });

  it('refuses two different methods, a method with odd characters, no URL', () => {
    expect(usage('-X', 'PUT', 'POST', 'http://h/').message).toMatch(/Two methods/);
    expect(usage('GE T', 'http://h/').message).toMatch(/is not a method/);
    expect(usage('').message).toMatch(/No URL/);
  });

  it('collects repeatable options in order', () => {
    const o = parse('-H', 'A: 1', '-H', 'B: 2', '-d', 'x=1', '-d', '@f', 'http://h/');
    expect(o.headers).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
    expect(o.body).toEqual({ kind: 'data', parts: ['x=1', '@f'] });
  });

  it('--json adds Content-Type and Accept unless given', () => {
    expect(parse('--json', '{}', 'http://h/').headers).toEqual([
      ['Content-Type', 'application/json'],
      ['Accept', 'application/json'],
    ]);
    expect(parse('--json', '{}', '-H', 'accept: */*', 'http://h/').headers).toEqual([
      ['accept', '*/*'],
      ['Content-Type', 'application/json'],
    ]);
  });

  it('refuses mixing -d, --json and -F', () => {
    expect(usage('-d', 'a', '-F', 'b=1', 'http://h/').message).toMatch(/only one kind/);
  });

  it('resolves timeouts, sizes, retries and redirects', () => {
    const o = parse(
      ...['-m', '2.5', '--connect-timeout', '300ms', '--read-timeout', '1m'],
      ...['--max-size', '10m', '--retries', '3', '--retry-status', '429, 503'],
      ...['-L', '--max-redirs', '4', 'http://h/'],
    );
    expect(o.timeout).toEqual({ total: 2500, connect: 300, read: 60_000 });
    expect(o.maxSize).toBe(10 * 1024 * 1024);
    expect(o.retries).toBe(3);
    expect(o.retryStatuses).toEqual([429, 503]);
    expect(o.followRedirects).toBe(true);
    expect(o.maxRedirects).toBe(4);
    expect(parse('http://h/').followRedirects).toBe(false);
    expect(usage('--retries', '-1', 'http://h/').message).toMatch(/is not a count/);
    expect(usage('--retry-status', '700', 'http://h/').message).toMatch(/not an HTTP status/);
  });

  it('maps the TLS options to the library names', () => {
    const o = parse(
      ...['--cacert', 'ca.pem', '--capath', 'cas', '--cert', 'c.pem', '--key', 'k.pem'],
      ...['--pass', 'pw', '-k', '--pin', 'AB:'.repeat(31) + 'AB', '--tls-min', '1.3'],
      ...['--tls-max', 'TLSv1.3', '--ciphers', 'HIGH', '--system-ca', 'https://h/'],
    );
    expect(o.tls).toEqual({
      caCerts: 'ca.pem',
      caCertDir: 'cas',
      certFile: 'c.pem',
      keyFile: 'k.pem',
      keyPassword: 'pw',
      certReqs: 'CERT_NONE',
      assertHostname: false,
      assertFingerprint: 'AB'.repeat(32),
      sslMinimumVersion: 'TLSv1.3',
      sslMaximumVersion: 'TLSv1.3',
      ciphers: 'HIGH',
      useSystemCa: true,
    });
    expect(usage('--key', 'k.pem', 'https://h/').message).toMatch(/--key needs --cert/);
  });

  it('writes --help and --version and says so', () => {
    const out: string[] = [];
    const io = { writeOut: (t: string) => out.push(t), writeErr: (t: string) => out.push(t) };
    expect(parseCliArgs(['--version'], '9.9.9', io)).toBeInstanceOf(HelpShown);
    expect(out.join('')).toBe('9.9.9\n');
    out.length = 0;
    expect(parseCliArgs(['--help'], '9.9.9', io)).toBeInstanceOf(HelpShown);
    expect(out.join('')).toMatch(/Usage: urlpool \[options\] \[METHOD\] URL[\s\S]*Exit codes/);
  });

  it('an unknown option is a usage error, with commander suggesting the close one', () => {
    const out: string[] = [];
    const io = { writeOut: (t: string) => out.push(t), writeErr: (t: string) => out.push(t) };
    expect(() => parseCliArgs(['--heade', 'A: 1', 'http://h/'], '1', io)).toThrow(CliError);
    expect(out.join('')).toMatch(/unknown option '--heade'[\s\S]*--header/);
  });
});

describe('parseFormField', () => {
  it('parses text, file and file-text fields with their parameters', () => {
    expect(parseFormField('a=b=c')).toEqual({ kind: 'text', name: 'a', value: 'b=c' });
    expect(parseFormField('f=@dir/r.csv;type=text/csv;filename="x.csv"')).toEqual({
      kind: 'file',
      name: 'f',
      path: 'dir/r.csv',
      filename: 'x.csv',
      type: 'text/csv',
    });
    expect(parseFormField('f=@r.bin')).toMatchObject({ filename: 'r.bin', type: undefined });
    expect(parseFormField('t=<notes.txt')).toEqual({
      kind: 'file-text',
      name: 't',
      path: 'notes.txt',
    });
  });

  it('refuses a field without a name, a path or with an unknown parameter', () => {
    expect(() => parseFormField('=x')).toThrow(/has no name/);
    expect(() => parseFormField('f=@')).toThrow(/names no file/);
    expect(() => parseFormField('f=@a;mode=1')).toThrow(/unknown parameter/);
  });
});

describe('values', () => {
  it('durations: seconds by default, ms/s/m units', () => {
    expect(parseDuration('-m', '2')).toBe(2000);
    expect(parseDuration('-m', '0.25')).toBe(250);
    expect(parseDuration('-m', '150ms')).toBe(150);
    expect(parseDuration('-m', '2m')).toBe(120_000);
    expect(() => parseDuration('-m', '-1')).toThrow(/not a duration/);
  });

  it('sizes: bytes, k, m, g (powers of 1024)', () => {
    expect(parseSize('--max-size', '100')).toBe(100);
    expect(parseSize('--max-size', '2K')).toBe(2048);
    expect(parseSize('--max-size', '1g')).toBe(1024 ** 3);
    expect(() => parseSize('--max-size', 'lots')).toThrow(/not a size/);
  });
});
