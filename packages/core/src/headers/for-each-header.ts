import type { HeadersInit } from './http-header-dict.ts';

/**
 * Calls `visit(name, value)` for every header in any accepted headers shape (plain object with
 * string or array values, array of pairs, HTTPHeaderDict in its `items()` order, web Headers),
 * in order, without building an intermediate dictionary: this runs on every request that
 * passes headers.
 */
export function forEachHeader(
  init: HeadersInit,
  visit: (name: string, value: string) => void,
): void {
  if (Array.isArray(init)) {
    for (const pair of init as ReadonlyArray<readonly [string, string]>)
      visit(pair[0], String(pair[1]));
    return;
  }
  const forEachItem = (init as { forEachItem?: (v: typeof visit) => void }).forEachItem;
  if (typeof forEachItem === 'function') {
    // HTTPHeaderDict: its items() order (urllib3's), no pair allocated per field.
    forEachItem.call(init, visit);
    return;
  }
  const items = (init as { items?: () => Iterable<[string, string]> }).items;
  if (typeof items === 'function') {
    for (const [name, value] of items.call(init)) visit(name, value);
    return;
  }
  if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of init as Iterable<readonly [string, string]>)
      visit(name, String(value));
    return;
  }
  for (const name of Object.keys(init)) {
    const value = (init as Record<string, string | readonly string[] | undefined>)[name];
    if (value === undefined) continue;
    if (typeof value === 'string') visit(name, value);
    else if (Array.isArray(value)) for (const v of value) visit(name, String(v));
    else visit(name, String(value));
  }
}
