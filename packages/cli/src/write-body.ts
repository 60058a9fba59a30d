import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { HTTPResponse } from '@urlpool/response-streams';
import { CliError } from './cli-error.ts';
import type { CliWritable } from './cli-io.ts';
import { EXIT_CODES } from './exit-codes.ts';

/**
 * Streams the body (after `head`, for -i) to `-o FILE` (created or truncated) or stdout.
 * Library errors (timeouts, truncation, --max-size) are rethrown as they are; a failing
 * destination becomes exit code 23.
 */
export async function writeBody(
  response: HTTPResponse,
  output: string | null,
  stdout: CliWritable,
  head: string | null,
): Promise<void> {
  const toFile = output !== null && output !== '-';
  const destination = toFile ? createWriteStream(output) : stdout;
  let destinationError: unknown = null;
  destination.once('error', (error: Error) => {
    destinationError = error;
  });
  // -i: the head goes where the body goes (curl writes it into the -o file too).
  if (head !== null) destination.write(head, 'latin1');
  try {
    await pipeline(response.toReadable(), destination, { end: toFile });
  } catch (error) {
    // A failing destination is a write error (curl's 23); the library's errors pass through.
    if (destinationError !== null) {
      const where = toFile ? JSON.stringify(output) : 'stdout';
      throw new CliError(
        `Failed writing the body to ${where}: ${(destinationError as Error).message}; check the path and free space.`,
        EXIT_CODES.writeError,
        { cause: destinationError },
      );
    }
    throw error;
  }
}
