import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { HTTPResponse } from '@urlpool/response-streams';
import { CliError } from './cli-error.ts';
import type { CliWritable } from './cli-io.ts';
import { EXIT_CODES } from './exit-codes.ts';
import type { TransferProgress } from './progress-bar.ts';

/** The body's size when the bytes written will match Content-Length (no decoding in between). */
export function expectedBodySize(response: HTTPResponse, decoding: boolean): number | null {
  const length = response.headers.get('content-length');
  if (length === null || !/^\d+$/.test(length)) return null;
  const coding = response.headers.get('content-encoding');
  if (decoding && coding !== null && coding.toLowerCase() !== 'identity') return null;
  return Number(length);
}

function counter(progress: TransferProgress, total: number | null): Transform {
  let loaded = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      loaded += chunk.length;
      progress.update(loaded, total);
      callback(null, chunk);
    },
  });
}

/**
 * Streams the body (after `head`, for -i) to `-o FILE` (created or truncated) or stdout,
 * reporting bytes to `progress`. Library errors (timeouts, truncation, --max-size) are rethrown as they are; a
 * failing destination becomes exit code 23.
 */
export async function writeBody(
  response: HTTPResponse,
  output: string | null,
  stdout: CliWritable,
  progress: TransferProgress | null,
  total: number | null,
  head: string | null = null,
): Promise<void> {
  const toFile = output !== null && output !== '-';
  const destination = toFile ? createWriteStream(output) : stdout;
  let destinationError: unknown = null;
  destination.once('error', (error: Error) => {
    destinationError = error;
  });
  const stages = progress === null ? [] : [counter(progress, total)];
  // -i: the head goes where the body goes (curl writes it into the -o file too).
  if (head !== null) destination.write(head, 'latin1');
  progress?.update(0, total);
  try {
    await pipeline([response.toReadable(), ...stages, destination], { end: toFile });
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
  } finally {
    progress?.stop();
  }
}
