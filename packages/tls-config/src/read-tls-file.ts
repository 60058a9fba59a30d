import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SSLError } from '@urlpool/core';

/**
 * Reads a file named by a TLS option.
 *
 * @throws SSLError naming the option and path, with the fs error as cause.
 */
export function readTlsFile(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new SSLError(
      `Could not read ${option} '${path}': ${(error as Error).message}. Check the path and its permissions.`,
      { cause: error },
    );
  }
}

/**
 * Reads every regular file of a directory named by a TLS option (sorted by name, so the result
 * is stable).
 *
 * @throws SSLError naming the option and path.
 */
export function readTlsDir(option: string, path: string): Buffer[] {
  let names: string[];
  try {
    names = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new SSLError(
      `Could not read ${option} '${path}': ${(error as Error).message}. Check the path and its permissions.`,
      { cause: error },
    );
  }
  const files: Buffer[] = [];
  for (const name of names) {
    try {
      files.push(readFileSync(join(path, name)));
    } catch {
      // A dangling symlink or unreadable file in a CA directory is skipped, as OpenSSL's
      // capath lookup would.
    }
  }
  return files;
}
