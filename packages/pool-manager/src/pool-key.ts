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

let nextIdentity = 1;

function identityOf(value: object, identities: WeakMap<object, number>): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}
