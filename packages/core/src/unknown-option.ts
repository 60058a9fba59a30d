/**
 * The `TypeError` for an option name nobody knows, naming the closest known one when a typo is
 * likely (`maxSize` → `maxsize`, `num_pools` → `numPools`, `caCert` → `caCerts`), so a misspelt
 * option fails where the object is made instead of being silently ignored.
 *
 * @example
 * ```ts
 * throw unknownOptionError('PoolManager', 'maxSize', ['maxsize', 'numPools']);
 * // TypeError: Unknown PoolManager option "maxSize"; did you mean "maxsize"?
 * ```
 */
export function unknownOptionError(what: string, key: string, known: Iterable<string>): TypeError {
  const suggestion = closest(key, known);
  return new TypeError(
    `Unknown ${what} option ${JSON.stringify(key)}` +
      (suggestion === null ? '' : `; did you mean ${JSON.stringify(suggestion)}?`),
  );
}

function squash(name: string): string {
  return name.replace(/[_-]/g, '').toLowerCase();
}

function closest(key: string, known: Iterable<string>): string | null {
  const wanted = squash(key);
  let prefixMatch: string | null = null;
  for (const name of known) {
    const candidate = squash(name);
    if (candidate === wanted) return name;
    if (
      prefixMatch === null &&
      wanted.length >= 4 &&
      (candidate.startsWith(wanted) || wanted.startsWith(candidate))
    ) {
      prefixMatch = name;
    }
  }
  return prefixMatch;
}
