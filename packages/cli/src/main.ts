import { VERSION } from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import { buildRequestOptions } from './build-request.ts';
import { classifyError } from './classify-error.ts';
import { CliError } from './cli-error.ts';
import { type CliIo, processIo } from './cli-io.ts';
import type { ResolvedCliOptions } from './cli-options.ts';
import { createManager, effectiveProxy } from './create-manager.ts';
import { EXIT_CODES } from './exit-codes.ts';
import { formatMs } from './format-bytes.ts';
import { renderIncludedHead, responseHeadLines } from './head-lines.ts';
import { HelpShown, parseCliArgs } from './parse-args.ts';
import { createTransferBars } from './transfer-bars.ts';
import { createVerboseConnections } from './verbose-connections.ts';
import { VerboseTrace } from './verbose-trace.ts';
import { writeBody } from './write-body.ts';

/** The proxy's host name as errors name it (lower case, IPv6 without brackets). */
function proxyHostOf(options: ResolvedCliOptions | null): string | undefined {
  if (options === null) return undefined;
  try {
    const proxy = effectiveProxy(options, process.env);
    return proxy === undefined
      ? undefined
      : new URL(proxy).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

function writeLine(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}

async function runRequest(options: ResolvedCliOptions, io: CliIo): Promise<number> {
  const requestOptions = await buildRequestOptions(options, io.stdin);
  const say = (line: string) => writeLine(io, line);
  const connections = options.verbose ? createVerboseConnections(say) : null;
  const manager = createManager(options, connections?.connectionFactory);
  const trace = options.verbose ? new VerboseTrace(say, () => connections?.nextAttempt()) : null;
  const toFile = options.output !== null && options.output !== '-';
  const showBar = toFile && !options.silent && !options.noProgress && io.stderr.isTTY === true;
  const bars = showBar ? createTransferBars(io.stderr, options.body !== null) : null;
  if (bars !== null) {
    requestOptions.onUploadProgress = bars.onUpload;
    requestOptions.onDownloadProgress = bars.onDownload;
  }
  const started = performance.now();
  let response: HTTPResponse | null = null;
  try {
    if (options.verbose) writeLine(io, `* ${options.method} ${options.url}`);
    response = await manager.request(options.method, options.url, requestOptions);
    bars?.finalResponse();
    const headAt = performance.now();
    if (options.verbose) {
      for (const line of responseHeadLines(response)) writeLine(io, `< ${line}`);
      writeLine(io, '<');
    }
    if (options.fail && response.status >= 400) {
      await response.drainConn();
      throw new CliError(
        `The requested URL returned error: ${response.status} ${response.reason}`.trimEnd(),
        EXIT_CODES.httpError,
      );
    }
    await writeBody(
      response,
      options.output,
      io.stdout,
      options.include ? renderIncludedHead(response) : null,
    );
    if (options.verbose && trace?.traced !== true) {
      const end = performance.now();
      writeLine(
        io,
        `* Timings: response head ${formatMs(headAt - started)}, body ${formatMs(end - headAt)}, total ${formatMs(end - started)}`,
      );
    }
    return EXIT_CODES.ok;
  } finally {
    bars?.stop();
    response?.close();
    trace?.stop();
    manager.clear();
  }
}

/**
 * Runs the `urlpool` command: parses `argv` (the arguments after the script), sends the
 * request and writes the response; resolves the exit code (curl's numbers) instead of
 * exiting, so tests and embedders can call it.
 *
 * @example
 * ```ts
 * import { main } from '@urlpool/cli';
 * process.exitCode = await main(['-o', 'page.html', 'https://example.test/']);
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let options: ResolvedCliOptions | HelpShown | null = null;
  try {
    options = parseCliArgs(argv, VERSION, {
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
    if (options instanceof HelpShown) return options.exitCode;
    return await runRequest(options, io);
  } catch (error) {
    const parsed = options instanceof HelpShown ? null : options;
    const { exitCode, message, hint } = classifyError(error, {
      proxyHost: proxyHostOf(parsed),
    });
    const quiet = parsed?.silent === true && !parsed.showError;
    if (!quiet && message !== '') {
      writeLine(io, `urlpool: (${exitCode}) ${message}`);
      if (hint !== null) writeLine(io, `  ${hint}`);
    }
    return exitCode;
  }
}
