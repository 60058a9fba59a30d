import { Command, CommanderError, Option } from 'commander';
import { CliError, usageError } from './cli-error.ts';
import type { BodySpec, CliTlsOptions, ResolvedCliOptions } from './cli-options.ts';
import { EXIT_CODES } from './exit-codes.ts';
import { parseFormField } from './form-field.ts';
import {
  parseCount,
  parseDuration,
  parseHeader,
  parseSize,
  parseTlsVersion,
} from './parse-values.ts';

/** Where commander writes help, version and its own errors. */
export interface ParseOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** `--help` or `--version` was handled: exit with this code, nothing to send. */
export class HelpShown {
  readonly exitCode: number;
  constructor(exitCode: number) {
    this.exitCode = exitCode;
  }
}

const EXAMPLES = `
Examples:
  urlpool https://example.test/get
  urlpool POST https://example.test/post --json '{"name":"urlpool"}'
  urlpool -d @body.txt -H 'Content-Type: text/plain' https://example.test/post
  urlpool -F title=Report -F 'file=@report.pdf;type=application/pdf' https://example.test/upload
  urlpool -o big.iso -L --retries 3 https://example.test/big.iso
  urlpool -v --cacert ca.pem --tls-min 1.3 https://example.test/
  urlpool --proxy socks5h://127.0.0.1:1080 https://example.test/

Exit codes are curl's: 2 usage, 3 bad URL, 6 unresolved host, 7 no connection, 22 HTTP error
with --fail, 28 timeout, 35 TLS handshake, 47 too many redirects, 60 untrusted certificate,
63 --max-size exceeded, 90 --pin mismatch, 97 proxy failure.`;

const METHOD = /^[A-Za-z]+$/;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The commander program (no action: parsing only). */
function createProgram(version: string, output: ParseOutput): Command {
  return new Command('urlpool')
    .description('HTTP requests from the shell on urlpool (curl-like options and exit codes)')
    .usage('[options] [METHOD] URL')
    .argument('<method-or-url>', 'the method (GET, POST, ...) or, alone, the URL')
    .argument('[url]', 'the URL when a method comes first')
    .version(version, '-V, --version')
    .option('-X, --request <method>', 'the method (default GET, or POST with a body)')
    .option('-H, --header <line>', "a request header 'Name: value' (repeatable)", collect)
    .option(
      '-d, --data <data>',
      'a body: text, @file or @- for stdin (repeatable, joined with &)',
      collect,
    )
    .option(
      '--json <data>',
      'a JSON body: text, @file or @- (sets Content-Type and Accept)',
      collect,
    )
    .option(
      '-F, --form <field>',
      'a multipart field: name=value, name=@file[;type=mime][;filename=x], name=<file',
      collect,
    )
    .option('-o, --output <file>', 'write the body to FILE (a progress bar on a terminal)')
    .option('-i, --include', 'print the response status line and headers before the body')
    .option('-I, --head', 'send HEAD and print the response head')
    .option('-v, --verbose', 'request and response heads, timings and TLS details on stderr')
    .option('-s, --silent', 'no progress bar and no error message')
    .option('-S, --show-error', 'with -s, still print error messages')
    .option('-f, --fail', 'exit 22 on HTTP status >= 400, without writing the body')
    .option('-L, --location', 'follow redirects')
    .option('--max-redirs <n>', 'redirects followed with -L', '10')
    .option('--retries <n>', 'retries on connection and read errors', '0')
    .option('--retry-status <codes>', 'comma list of statuses to retry (e.g. 429,503)')
    .option('--retry-backoff <duration>', 'backoff factor between retries (e.g. 200ms)')
    .option('-m, --timeout <duration>', 'total time limit for each attempt (seconds, or 500ms)')
    .option('--connect-timeout <duration>', 'time limit for DNS + TCP + TLS')
    .option('--read-timeout <duration>', 'time limit between received bytes')
    .option('--max-size <bytes>', 'largest response body accepted (e.g. 10m)')
    .option('--raw', 'do not decode Content-Encoding')
    .option('--compressed', 'ask for a compressed response (gzip, deflate, br, zstd) and decode it')
    .option(
      '-x, --proxy <url>',
      'proxy: http://, https://, socks4://, socks4a://, socks5://, socks5h://',
    )
    .option('--proxy-cacert <file>', 'trust the CA certificates in FILE for an https:// proxy')
    .option('--proxy-insecure', "do not check an https:// proxy's certificate name")
    .option(
      '--proxy-pin <fingerprint>',
      "require this fingerprint of an https:// proxy's certificate",
    )
    .option(
      '--noproxy <hosts>',
      "hosts reached without the environment's proxy (comma list, '*' for all)",
    )
    .option(
      '--proxy-header <line>',
      "a header for the proxy only 'Name: value' (repeatable)",
      collect,
    )
    .option(
      '--cacert <file>',
      'trust the CA certificates in FILE (PEM) instead of the bundled roots',
    )
    .option('--capath <dir>', 'trust every CA certificate file in DIR')
    .option('--system-ca', "also trust the operating system's CA store")
    .option('-E, --cert <file>', 'client certificate (PEM; may hold the key)')
    .option('--key <file>', 'client private key (PEM)')
    .option('--pass <password>', 'password of an encrypted client key')
    .option('-k, --insecure', 'do not verify the server certificate (never in production)')
    .option('--pin <fingerprint>', 'require this certificate fingerprint (sha256, sha1 or md5 hex)')
    .addOption(new Option('--tls-min <version>', 'lowest TLS version (1.2 or 1.3)'))
    .addOption(new Option('--tls-max <version>', 'highest TLS version (1.2 or 1.3)'))
    .option('--ciphers <list>', 'OpenSSL cipher list (TLS 1.2 and below)')
    .option('--no-progress', 'never draw the progress bar')
    .addHelpText('after', EXAMPLES)
    .helpOption('-h, --help')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr })
    .exitOverride();
}

interface RawOptions {
  request?: string;
  header?: string[];
  data?: string[];
  json?: string[];
  form?: string[];
  output?: string;
  include?: boolean;
  head?: boolean;
  verbose?: boolean;
  silent?: boolean;
  showError?: boolean;
  fail?: boolean;
  location?: boolean;
  maxRedirs: string;
  retries: string;
  retryStatus?: string;
  retryBackoff?: string;
  timeout?: string;
  connectTimeout?: string;
  readTimeout?: string;
  maxSize?: string;
  raw?: boolean;
  compressed?: boolean;
  proxy?: string;
  proxyCacert?: string;
  proxyInsecure?: boolean;
  proxyPin?: string;
  noproxy?: string;
  proxyHeader?: string[];
  cacert?: string;
  capath?: string;
  systemCa?: boolean;
  cert?: string;
  key?: string;
  pass?: string;
  insecure?: boolean;
  pin?: string;
  tlsMin?: string;
  tlsMax?: string;
  ciphers?: string;
  progress: boolean;
}

/** RawOptions with the repeatable options defaulted to empty lists. */
type CollectedOptions = RawOptions &
  Required<Pick<RawOptions, 'header' | 'data' | 'json' | 'form' | 'proxyHeader'>>;

function resolveBody(raw: CollectedOptions): BodySpec | null {
  const kinds = [raw.data.length > 0, raw.json.length > 0, raw.form.length > 0].filter(Boolean);
  if (kinds.length > 1) {
    throw usageError('-d, --json and -F each make the whole body: give only one kind.');
  }
  if (raw.data.length > 0) return { kind: 'data', parts: raw.data };
  if (raw.json.length > 0) return { kind: 'json', parts: raw.json };
  if (raw.form.length > 0) return { kind: 'form', fields: raw.form.map(parseFormField) };
  return null;
}

function parseFingerprint(option: string, value: string): string {
  const hex = value.replace(/:/g, '');
  if (!/^[0-9a-fA-F]+$/.test(hex) || ![32, 40, 64].includes(hex.length)) {
    throw usageError(
      `${option} ${JSON.stringify(value)} is not a fingerprint: give the certificate's sha256 (64 hex digits), sha1 or md5, colons allowed.`,
    );
  }
  return hex;
}

function resolveProxyTls(raw: RawOptions): ResolvedCliOptions['proxyTls'] {
  return {
    caCerts: raw.proxyCacert,
    insecure: raw.proxyInsecure === true,
    fingerprint:
      raw.proxyPin === undefined ? undefined : parseFingerprint('--proxy-pin', raw.proxyPin),
  };
}

function resolveTls(raw: RawOptions): CliTlsOptions {
  const tls: { -readonly [K in keyof CliTlsOptions]: CliTlsOptions[K] } = {};
  if (raw.cacert !== undefined) tls.caCerts = raw.cacert;
  if (raw.capath !== undefined) tls.caCertDir = raw.capath;
  if (raw.systemCa === true) tls.useSystemCa = true;
  if (raw.cert !== undefined) tls.certFile = raw.cert;
  if (raw.key !== undefined) tls.keyFile = raw.key;
  if (raw.pass !== undefined) tls.keyPassword = raw.pass;
  if (raw.key !== undefined && raw.cert === undefined) {
    throw usageError('--key needs --cert: give the client certificate too.');
  }
  if (raw.insecure === true) {
    tls.certReqs = 'CERT_NONE';
    tls.assertHostname = false;
  }
  if (raw.pin !== undefined) tls.assertFingerprint = parseFingerprint('--pin', raw.pin);
  if (raw.tlsMin !== undefined) tls.sslMinimumVersion = parseTlsVersion('--tls-min', raw.tlsMin);
  if (raw.tlsMax !== undefined) tls.sslMaximumVersion = parseTlsVersion('--tls-max', raw.tlsMax);
  if (raw.ciphers !== undefined) tls.ciphers = raw.ciphers;
  return tls;
}

function resolveUrl(url: string): string {
  // curl's habit: a URL without a scheme means http://.
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url) ? url : `http://${url}`;
}

function resolveStatuses(value: string | undefined): number[] {
  if (value === undefined) return [];
  return value.split(',').map((part) => {
    const code = Number(part.trim());
    if (!Number.isInteger(code) || code < 100 || code > 599) {
      throw usageError(`--retry-status: ${JSON.stringify(part)} is not an HTTP status (100-599).`);
    }
    return code;
  });
}

function resolveMethod(raw: RawOptions, positional: string | undefined, hasBody: boolean): string {
  const given = raw.request ?? positional;
  if (given !== undefined) {
    if (!METHOD.test(given)) {
      throw usageError(`${JSON.stringify(given)} is not a method: use GET, POST, PUT, DELETE, ...`);
    }
    if (raw.request !== undefined && positional !== undefined && raw.request !== positional) {
      throw usageError(`Two methods given (-X ${raw.request} and ${positional}): give one.`);
    }
    return given.toUpperCase();
  }
  if (raw.head === true) return 'HEAD';
  return hasBody ? 'POST' : 'GET';
}

function resolve(given: RawOptions, args: string[]): ResolvedCliOptions {
  const raw: CollectedOptions = {
    ...given,
    header: given.header ?? [],
    data: given.data ?? [],
    json: given.json ?? [],
    form: given.form ?? [],
    proxyHeader: given.proxyHeader ?? [],
  };
  const [first, second] = args;
  const positionalMethod = second === undefined ? undefined : first;
  const url = second ?? first;
  if (url === undefined || url === '') throw usageError('No URL given: urlpool [METHOD] URL.');
  const body = resolveBody(raw);
  const timeout: { connect?: number; read?: number; total?: number } = {};
  if (raw.timeout !== undefined) timeout.total = parseDuration('--timeout', raw.timeout);
  if (raw.connectTimeout !== undefined) {
    timeout.connect = parseDuration('--connect-timeout', raw.connectTimeout);
  }
  if (raw.readTimeout !== undefined)
    timeout.read = parseDuration('--read-timeout', raw.readTimeout);
  const headers = raw.header.map(parseHeader);
  if (raw.json.length > 0) {
    const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
    if (!has('content-type')) headers.push(['Content-Type', 'application/json']);
    if (!has('accept')) headers.push(['Accept', 'application/json']);
  }
  return {
    method: resolveMethod(raw, positionalMethod, body !== null),
    url: resolveUrl(url),
    headers,
    body,
    output: raw.output ?? null,
    include: raw.include === true || raw.head === true,
    verbose: raw.verbose === true,
    silent: raw.silent === true,
    showError: raw.showError === true,
    fail: raw.fail === true,
    followRedirects: raw.location === true,
    maxRedirects: parseCount('--max-redirs', raw.maxRedirs),
    retries: parseCount('--retries', raw.retries),
    retryStatuses: resolveStatuses(raw.retryStatus),
    retryBackoff:
      raw.retryBackoff === undefined ? 0 : parseDuration('--retry-backoff', raw.retryBackoff),
    timeout,
    maxSize: raw.maxSize === undefined ? undefined : parseSize('--max-size', raw.maxSize),
    raw: raw.raw === true,
    compressed: raw.compressed === true,
    proxy: raw.proxy,
    proxyHeaders: raw.proxyHeader.map(parseHeader),
    proxyTls: resolveProxyTls(raw),
    noProxy: raw.noproxy,
    noProgress: !raw.progress,
    tls: resolveTls(raw),
  };
}

/**
 * Parses the command line (without `node` and the script) into resolved options, once.
 * Throws `CliError` (exit 2) with a message saying what to fix; returns `HelpShown` after
 * `--help` / `--version` were written.
 */
export function parseCliArgs(
  argv: readonly string[],
  version: string,
  output: ParseOutput,
): ResolvedCliOptions | HelpShown {
  const program = createProgram(version, output);
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        return new HelpShown(0);
      }
      if (error.code === 'commander.help') return new HelpShown(0);
      // commander already wrote its message ("error: unknown option '--foo'").
      throw new CliError('', EXIT_CODES.usage, { cause: error });
    }
    throw error;
  }
  return resolve(program.opts<RawOptions>(), program.args);
}
