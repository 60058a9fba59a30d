import { isTlsOptionName } from '@urlpool/core';
import type { TlsOptions } from './tls-options.ts';

/** Options split into the TLS part and everything else. */
export interface SplitTlsOptions<T> {
  /** The TLS options that were set (keys whose value is `undefined` are dropped). */
  readonly tls: TlsOptions;
  /** Every other key, as given. */
  readonly rest: Omit<T, keyof TlsOptions>;
}

/**
 * Splits an options object into its TLS options and the rest, without mutating it. Used by
 * HTTPS pools (the TLS part is resolved once per pool) and by managers that create plain HTTP
 * pools from options shared with HTTPS pools.
 *
 * @example
 * ```ts
 * const { tls, rest } = splitTlsOptions({ maxsize: 4, caCerts: '/etc/ca.pem' });
 * // tls = { caCerts: '/etc/ca.pem' }, rest = { maxsize: 4 }
 * ```
 */
export function splitTlsOptions<T extends object>(options: T): SplitTlsOptions<T> {
  const tls: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (isTlsOptionName(key)) {
      if (value !== undefined) tls[key] = value;
    } else {
      rest[key] = value;
    }
  }
  return { tls: tls as TlsOptions, rest: rest as Omit<T, keyof TlsOptions> };
}
