const BRAND = Symbol.for('urlpool.error.brand');

/** Options every urlpool error accepts. */
export interface HTTPErrorOptions {
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/**
 * Root of urlpool's error tree (urllib3's `HTTPError`). Every error urlpool throws on purpose is
 * an `HTTPError`, has a stable {@link HTTPError.code} and, where one exists, a `cause`.
 *
 * `instanceof` works across two installed copies of urlpool: classes are branded with
 * `Symbol.for` keys and `Symbol.hasInstance` checks the brand, not the prototype identity.
 */
export class HTTPError extends Error {
  /** Stable, machine-readable error code (set per class on the prototype). */
  declare readonly code: string;

  constructor(message: string, options?: HTTPErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }

  static {
    brandErrorClass(HTTPError, 'HTTPError', 'URLPOOL_ERR_HTTP');
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    const brand = (this as unknown as Record<symbol, symbol | undefined>)[BRAND];
    if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (value as Record<symbol, unknown>)[brand] === true;
  }
}

/**
 * Brands an error class so `instanceof` recognises instances made by another copy of urlpool.
 * Called once per class, in its static block.
 */
export function brandErrorClass(
  cls: abstract new (...args: never[]) => unknown,
  name: string,
  code: string,
): void {
  const symbol = Symbol.for(`urlpool.error.${name}`);
  Object.defineProperty(cls, BRAND, { value: symbol });
  // name and code live on the prototype: no per-instance cost, and minifiers cannot rename them.
  Object.defineProperties(cls.prototype, {
    [symbol]: { value: true },
    name: { value: name, writable: true, configurable: true },
    code: { value: code, writable: true, configurable: true },
  });
}

/** Defines a non-enumerable own property (keeps heavy objects such as pools out of logs). */
export function defineHidden<T extends object>(target: T, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: false,
    writable: true,
    configurable: true,
  });
}
