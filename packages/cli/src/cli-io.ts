import type { Readable, Writable } from 'node:stream';

/** A writable that may be a terminal (process.stdout / stderr, or a test's stream). */
export type CliWritable = Writable & { readonly isTTY?: boolean };

/** The streams one run uses: the process's own, or a test's. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: CliWritable;
  readonly stderr: CliWritable;
}

/** The process's stdin, stdout and stderr. */
export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
