import { appendFileSync } from 'node:fs';

const failedFiles = new Set<string>();

/**
 * Appends one NSS key log line (as given by a TLS socket's `'keylog'` event, newline included)
 * to `file`, so Wireshark can decrypt captures (`SSLKEYLOGFILE`). Synchronous so lines land in
 * handshake order; this runs only while key logging, a debugging aid. A file that cannot be
 * written is skipped from then on: key logging never breaks a connection.
 */
export function appendKeyLogLine(file: string, line: Buffer): void {
  if (failedFiles.has(file)) return;
  try {
    appendFileSync(file, line, { mode: 0o600 });
  } catch {
    failedFiles.add(file);
  }
}
