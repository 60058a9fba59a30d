import { createReadStream, type ReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CliError } from './cli-error.ts';
import { EXIT_CODES } from './exit-codes.ts';

function readError(option: string, path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (error as Error).message;
  return new CliError(
    `${option}: cannot read ${JSON.stringify(path)} (${why}); check the path.`,
    EXIT_CODES.readError,
    { cause: error },
  );
}

/** Reads a whole stream (stdin for `@-`). */
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A `-d` / `--json` part: `@-` is stdin, `@file` the file's bytes, anything else the text. */
export async function readDataArg(option: string, arg: string, stdin: Readable): Promise<Buffer> {
  if (!arg.startsWith('@')) return Buffer.from(arg, 'utf8');
  const path = arg.slice(1);
  if (path === '-') return readAll(stdin);
  try {
    return await readFile(path);
  } catch (error) {
    throw readError(option, path, error);
  }
}

/** A file's text (for `-F name=<file`). */
export async function readTextFile(option: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw readError(option, path, error);
  }
}

/**
 * Opens a file to stream as a body part; checks it first so a missing file fails before the
 * request starts, with exit code 26.
 */
export async function openFileStream(option: string, path: string): Promise<ReadStream> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (error) {
    throw readError(option, path, error);
  }
  return createReadStream(path);
}
