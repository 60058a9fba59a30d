#!/usr/bin/env node
// The `urlpool` command. Sets the exit code rather than calling process.exit(), so stdout and
// the output file are flushed first; idle sockets are unref'd, so nothing keeps the process up.
// No top-level await: the package stays loadable with require(esm).
import { EXIT_CODES } from './exit-codes.ts';
import { main } from './main.ts';

// `urlpool URL | head`: the reader left. curl's answer is exit code 23 (write error), quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(EXIT_CODES.writeError);
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
