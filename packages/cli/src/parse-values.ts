import { usageError } from './cli-error.ts';

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)?$/;
const DURATION_FACTOR: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/**
 * A duration option in ms. A plain number is seconds, as in curl (`--max-time 2.5`); `ms`, `s`
 * and `m` suffixes are accepted (`500ms`, `2s`, `1m`).
 */
export function parseDuration(option: string, value: string): number {
  const match = DURATION.exec(value.trim());
  if (match === null) {
    throw usageError(
      `${option} ${JSON.stringify(value)} is not a duration: give seconds (2.5) or a unit (500ms, 2s, 1m).`,
    );
  }
  return Number(match[1]) * (DURATION_FACTOR[match[2] ?? 's'] ?? 1000);
}

const SIZE = /^(\d+)([kmg]?)b?$/i;
const SIZE_FACTOR: Readonly<Record<string, number>> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
};

/** A byte count, with an optional k/m/g suffix (powers of 1024, as curl's `--max-filesize`). */
export function parseSize(option: string, value: string): number {
  const match = SIZE.exec(value.trim());
  if (match === null) {
    throw usageError(
      `${option} ${JSON.stringify(value)} is not a size: give bytes (1048576) or a unit (512k, 10m, 1g).`,
    );
  }
  return Number(match[1]) * (SIZE_FACTOR[(match[2] ?? '').toLowerCase()] ?? 1);
}

/** A non-negative integer option (`--retries 3`). */
export function parseCount(option: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw usageError(`${option} ${JSON.stringify(value)} is not a count: give 0 or more.`);
  }
  return n;
}

const TLS_VERSIONS: Readonly<Record<string, 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'>> = {
  '1': 'TLSv1',
  '1.0': 'TLSv1',
  '1.1': 'TLSv1.1',
  '1.2': 'TLSv1.2',
  '1.3': 'TLSv1.3',
};

/** A TLS version: `1.2`, `1.3`, `TLSv1.2`, `tlsv1.3`. */
export function parseTlsVersion(
  option: string,
  value: string,
): 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3' {
  const version = TLS_VERSIONS[value.trim().replace(/^tlsv?/i, '')];
  if (version === undefined) {
    throw usageError(`${option} ${JSON.stringify(value)} is not a TLS version: give 1.2 or 1.3.`);
  }
  return version;
}

/**
 * A `-H` argument: `Name: value`, or `Name;` for an empty value (curl's syntax). The library
 * validates the name and value bytes before anything is sent.
 */
export function parseHeader(value: string): [string, string] {
  const colon = value.indexOf(':');
  if (colon > 0) return [value.slice(0, colon).trim(), value.slice(colon + 1).trim()];
  if (value.endsWith(';') && value.length > 1) return [value.slice(0, -1).trim(), ''];
  throw usageError(
    `-H ${JSON.stringify(value)} is not a header: write 'Name: value' (or 'Name;' for an empty value).`,
  );
}
