const BRAND = Symbol.for('urlpool.warning.brand');

/**
 * Brands a warning class so `instanceof` recognises instances made by another installed copy of
 * `@urlpool/warnings` (the same trick as `@urlpool/core`'s errors). Sets `name` (the type Node's
 * `--disable-warning=<name>` matches) and `code` on the prototype.
 */
function brandWarningClass(
  cls: abstract new (...args: never[]) => unknown,
  name: string,
  code: string,
): void {
  const symbol = Symbol.for(`urlpool.warning.${name}`);
  Object.defineProperty(cls, BRAND, { value: symbol });
  Object.defineProperties(cls.prototype, {
    [symbol]: { value: true },
    name: { value: name, writable: true, configurable: true },
    code: { value: code, writable: true, configurable: true },
  });
}

/**
 * Base of every warning urlpool emits (urllib3's `HTTPWarning`). Warnings are `Error` objects so
 * `process.emitWarning` accepts them as they are; `name` is the class name and `code` a stable
 * string, and Node's `--disable-warning=` flag accepts either.
 */
export class HTTPWarning extends Error {
  /** Stable, machine-readable warning code (set per class on the prototype). */
  declare readonly code: string;

  static {
    brandWarningClass(HTTPWarning, 'HTTPWarning', 'URLPOOL_WARN_HTTP');
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    const brand = (this as unknown as Record<symbol, symbol | undefined>)[BRAND];
    if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (value as Record<symbol, unknown>)[brand] === true;
  }
}

/** Warned about a security concern (urllib3's `SecurityWarning`). */
export class SecurityWarning extends HTTPWarning {
  static {
    brandWarningClass(SecurityWarning, 'SecurityWarning', 'URLPOOL_WARN_SECURITY');
  }
}

/**
 * An HTTPS request was made without certificate verification (`certReqs: 'CERT_NONE'`).
 * urlpool emits it once per host per process (urllib3 emits it on every request).
 */
export class InsecureRequestWarning extends SecurityWarning {
  static {
    brandWarningClass(
      InsecureRequestWarning,
      'InsecureRequestWarning',
      'URLPOOL_WARN_INSECURE_REQUEST',
    );
  }
}

/** The system clock looks wrong, which makes certificate validity checks fail. */
export class SystemTimeWarning extends SecurityWarning {
  static {
    brandWarningClass(SystemTimeWarning, 'SystemTimeWarning', 'URLPOOL_WARN_SYSTEM_TIME');
  }
}

/** An optional dependency is missing or too old, so a feature is unavailable. */
export class DependencyWarning extends HTTPWarning {
  static {
    brandWarningClass(DependencyWarning, 'DependencyWarning', 'URLPOOL_WARN_DEPENDENCY');
  }
}

/**
 * A pool with `block: false` discarded a reusable connection because `maxsize` connections were
 * already idle (urllib3 logs "Connection pool is full, discarding connection"). Emitted once per
 * pool; raise `maxsize`, or use `block: true` to cap the connections instead.
 */
export class PoolFullWarning extends HTTPWarning {
  static {
    brandWarningClass(PoolFullWarning, 'PoolFullWarning', 'URLPOOL_WARN_POOL_FULL');
  }
}

/**
 * An option the transport cannot honour on this platform, or a behaviour it must change (beyond
 * urllib3, whose AppEngineManager warns the same way): `FetchManager` emits it for pool sizes,
 * TLS settings, source addresses and proxies, which the runtime's `fetch` decides itself.
 */
export class PlatformWarning extends HTTPWarning {
  static {
    brandWarningClass(PlatformWarning, 'PlatformWarning', 'URLPOOL_WARN_PLATFORM');
  }
}

/** Any warning class: {@link HTTPWarning} or one of its subclasses. */
export type WarningCategory = abstract new (...args: never[]) => HTTPWarning;

/** True when `value` is an urlpool warning (from any installed copy). */
export function isHTTPWarning(value: unknown): value is HTTPWarning {
  return value instanceof HTTPWarning;
}
