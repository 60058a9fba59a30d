import type { SecureContext } from 'node:tls';
import { TLS_OPTION_NAMES } from '@urlpool/core';
import type { TlsOptions } from './tls-options.ts';

// node:crypto is loaded on first use (process.getBuiltinModule), not at import: node:tls and
// node:crypto cost ~6 ms of `import('urlpool')` and plain HTTP never needs them (issue 15).

const contextIds = new WeakMap<SecureContext, number>();
let nextContextId = 1;

function contextId(context: SecureContext): number {
  let id = contextIds.get(context);
  if (id === undefined) {
    id = nextContextId++;
    contextIds.set(context, id);
  }
  return id;
}

function digest(value: string | Uint8Array): string {
  return process
    .getBuiltinModule('node:crypto')
    .createHash('sha256')
    .update(value)
    .digest('hex')
    .slice(0, 32);
}

/**
 * A stable string identifying a set of TLS options, for pool keys (PoolManager keeps one pool
 * per scheme, host, port and options). Equal options give equal keys without reading any file;
 * `caCertData` and `keyPassword` appear only as hashes and an `sslContext` by identity, so the
 * key is safe to log. Accepts raw options or a `ResolvedTlsOptions` (returns its `key`).
 */
export function tlsOptionsKey(options: TlsOptions | { readonly key: string }): string {
  if ('key' in options && typeof options.key === 'string') return options.key;
  const tls = options as TlsOptions;
  const parts: string[] = [];
  for (const name of TLS_OPTION_NAMES) {
    const value = tls[name];
    if (value === undefined) continue;
    let shown: unknown = value;
    if (name === 'caCertData' || name === 'keyPassword') {
      shown = `sha256:${digest(value as string | Uint8Array)}`;
    } else if (name === 'sslContext') {
      shown = `context#${contextId(value as SecureContext)}`;
    }
    parts.push(`${name}=${JSON.stringify(shown)}`);
  }
  return parts.join(';');
}
