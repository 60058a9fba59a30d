import type { ResolvedPoolOptions } from '@urlpool/pool/internal';

/**
 * A stable string for a value made of plain objects, arrays, primitives, Buffers and class
 * instances (by identity): keys of pools must not depend on property order.
 */
export function stableKey(value: unknown, identities: WeakMap<object, number>): string {
  if (value === undefined) return 'u';
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function'
      ? `f${identityOf(value as object, identities)}`
      : JSON.stringify(value);
  }
  if (Buffer.isBuffer(value)) return `b${value.toString('base64')}`;
  if (Array.isArray(value)) return `[${value.map((v) => stableKey(v, identities)).join(',')}]`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // Retry, Timeout, SecureContext, HTTPHeaderDict...: the same instance means the same pool.
    return `o${identityOf(value, identities)}`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableKey((value as Record<string, unknown>)[k], identities)}`).join(',')}}`;
}

/**
 * The key of resolved pool options (the port is keyed apart): `timeout: 5000` and
 * `timeout: { connect: 5000, read: 5000 }` name the same pool, as do an omitted option and its
 * default. Retry instances, connectors, factories and interceptors count by identity.
 */
export function resolvedOptionsKey(
  resolved: ResolvedPoolOptions,
  identities: WeakMap<object, number>,
): string {
  const { timeout, retries, sourceAddress, socketOptions } = resolved;
  const ids = (value: object | undefined): string =>
    value === undefined ? '-' : String(identityOf(value, identities));
  return [
    `${timeout.connect}/${timeout.read}/${timeout.total}`,
    resolved.maxsize,
    resolved.block,
    stableKey(resolved.headers, identities),
    typeof retries === 'object' ? `r${ids(retries)}` : String(retries),
    sourceAddress === undefined ? '-' : `${sourceAddress.host}:${sourceAddress.port ?? ''}`,
    `${socketOptions.noDelay}/${socketOptions.keepAlive}`,
    ids(resolved.connector),
    ids(resolved.connectionFactory),
    resolved.targetForm,
    resolved.interceptors.map(ids).join(','),
  ].join('|');
}

let nextIdentity = 1;

function identityOf(value: object, identities: WeakMap<object, number>): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}
