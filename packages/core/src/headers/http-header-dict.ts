/**
 * Anything {@link HTTPHeaderDict} can be built from: a plain object (an array value adds one
 * field per element), an iterable of `[name, value]` pairs, another `HTTPHeaderDict`, or a
 * web `Headers`.
 */
export type HeadersInit =
  | Readonly<Record<string, string | readonly string[]>>
  | Iterable<readonly [string, string]>
  | HTTPHeaderDict
  | Headers;

/** Options of {@link HTTPHeaderDict.add}. */
export interface HeaderAddOptions {
  /**
   * Append the value to the last existing value of that name (`'a, b'`) instead of adding a
   * separate field.
   * @default false
   */
  readonly combine?: boolean;
}

/**
 * A case-insensitive, order-preserving multi-map of HTTP header fields (urllib3's
 * `HTTPHeaderDict`).
 *
 * Fields are stored in insertion order, each with the name spelled as it was given
 * ({@link HTTPHeaderDict.rawPairs}: a response's fields exactly as received). Lookups ignore
 * case. `items()`, `keys()` and `itermerged()` follow urllib3: names in order of first
 * appearance, under their first spelling, a repeated name's values together at that position;
 * a request head is written in `items()` order, as urllib3 writes it.
 *
 * Iterating the dict yields `[name, value]` for every field, like {@link HTTPHeaderDict.items}.
 *
 * @example
 * ```ts
 * const h = new HTTPHeaderDict({ Accept: 'text/html' });
 * h.add('Set-Cookie', 'a=1');
 * h.add('set-cookie', 'b=2');
 * h.get('SET-COOKIE');     // 'a=1, b=2'
 * h.getlist('set-cookie'); // ['a=1', 'b=2']
 * h.get('missing');        // null
 * ```
 */
export class HTTPHeaderDict implements Iterable<[string, string]> {
  // Storage is one flat array [name0, value0, name1, value1, ...]: a response's headers come
  // off the parser in exactly this shape, so `fromRaw` adopts them without a copy.
  #pairs: string[];
  // Lowercased names, index i <-> #pairs[2i]; built on the first lookup only, so a response
  // whose headers are never looked up pays nothing for case-insensitivity.
  #lower: string[] | null = null;
  // False while #pairs still belongs to the caller (fromRaw): copied before the first write.
  #owned: boolean;

  /** Builds a dict from `init`; `init` itself is never modified or retained. */
  constructor(init?: HeadersInit | null) {
    this.#pairs = [];
    this.#owned = true;
    if (init != null) this.extend(init);
  }

  /**
   * Adopts a flat `[name0, value0, name1, value1, ...]` array as parsed off the wire, without
   * copying it or changing the case of names. The array is treated as read-only: the dict copies
   * it before its first modification. Names and values are not validated. `lowerNames`, when
   * given, is every name lowercased in order (a parser that lowercased them already); it is
   * adopted read-only too.
   */
  static fromRaw(flat: readonly string[], lowerNames?: readonly string[]): HTTPHeaderDict {
    const dict = new HTTPHeaderDict();
    dict.#pairs = flat as string[];
    if (lowerNames !== undefined) dict.#lower = lowerNames as string[];
    dict.#owned = false;
    return dict;
  }

  /** Number of distinct header names (urllib3's `len()`). */
  get size(): number {
    const lower = this.#index();
    if (lower.length < 2) return lower.length;
    return new Set(lower).size;
  }

  /**
   * The flat `[name0, value0, ...]` field array in order, names as given. Returned without a
   * copy for speed: treat it as read-only.
   */
  rawPairs(): readonly string[] {
    return this.#pairs;
  }

  /** The values of `name` joined with `', '`, or `null` when there is no such field. */
  get(name: string): string | null {
    const lower = this.#index();
    const key = name.toLowerCase();
    const pairs = this.#pairs;
    let result: string | null = null;
    for (let i = 0; i < lower.length; i++) {
      if (lower[i] === key) {
        const value = pairs[2 * i + 1]!;
        result = result === null ? value : `${result}, ${value}`;
      }
    }
    return result;
  }

  /** Every value of `name` in order (an empty array when absent). */
  getlist(name: string): string[] {
    const lower = this.#index();
    const key = name.toLowerCase();
    const pairs = this.#pairs;
    const result: string[] = [];
    for (let i = 0; i < lower.length; i++) {
      if (lower[i] === key) result.push(pairs[2 * i + 1]!);
    }
    return result;
  }

  /** Whether a field named `name` exists (any case); false for a non-string, as urllib3's `in`. */
  has(name: string): boolean {
    if (typeof name !== 'string') return false;
    return this.#index().indexOf(name.toLowerCase()) !== -1;
  }

  /**
   * Replaces every field named `name` with one field `name: value`, kept at the position of the
   * first one it replaces (or appended). Returns `this`.
   */
  set(name: string, value: string): this {
    const key = name.toLowerCase();
    const lower = this.#index();
    const first = lower.indexOf(key);
    if (first === -1) return this.#append(name, key, value);
    this.#own();
    this.#pairs[2 * first] = name;
    this.#pairs[2 * first + 1] = value;
    if (lower.indexOf(key, first + 1) !== -1) this.#removeFrom(key, first + 1);
    return this;
  }

  /**
   * Adds a field, keeping existing ones of the same name. With `{ combine: true }` the value is
   * appended to the last existing value instead (`'a, b'`). Returns `this`.
   */
  add(name: string, value: string, options?: HeaderAddOptions): this {
    const key = name.toLowerCase();
    if (options?.combine === true) {
      const last = this.#index().lastIndexOf(key);
      if (last !== -1) {
        this.#own();
        this.#pairs[2 * last + 1] = `${this.#pairs[2 * last + 1]}, ${value}`;
        return this;
      }
    }
    return this.#append(name, key, value);
  }

  /**
   * Sets `name` only when absent; returns the (possibly joined) value now present.
   * @param value The value to set when absent. @default '' (as urllib3's `setdefault`)
   */
  setDefault(name: string, value = ''): string {
    const existing = this.get(name);
    if (existing !== null) return existing;
    this.#append(name, name.toLowerCase(), value);
    return value;
  }

  /** Removes every field named `name`; returns whether any existed. */
  delete(name: string): boolean {
    const key = name.toLowerCase();
    if (this.#index().indexOf(key) === -1) return false;
    this.#own();
    this.#removeFrom(key, 0);
    return true;
  }

  /** Adds every field of `other` (duplicates are kept, as `add` does). Returns `this`. */
  extend(other: HeadersInit): this {
    if (other instanceof HTTPHeaderDict) {
      // Length read once: `h.extend(h)` must not chase its own appended fields.
      const src = other.#pairs;
      const end = src.length;
      for (let i = 0; i < end; i += 2) this.#append(src[i]!, null, src[i + 1]!);
      return this;
    }
    if (typeof (other as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const pair of other as Iterable<readonly [string, string]>) {
        if (pair == null || typeof pair !== 'object' || pair.length !== 2) {
          throw new TypeError(
            'Header pairs must be [name, value] arrays of two strings; got ' +
              describe(pair as unknown),
          );
        }
        this.#append(checkName(pair[0]), null, checkValue(pair[0], pair[1]));
      }
      return this;
    }
    if (typeof other !== 'object') {
      throw new TypeError(
        `Headers must be an object, an iterable of pairs or an HTTPHeaderDict; got ${describe(other)}`,
      );
    }
    const record = other as Readonly<Record<string, string | readonly string[]>>;
    for (const name of Object.keys(record)) {
      const value = record[name];
      if (Array.isArray(value)) {
        for (const v of value as readonly string[]) this.#append(name, null, checkValue(name, v));
      } else {
        this.#append(name, null, checkValue(name, value));
      }
    }
    return this;
  }

  /**
   * Every field as `[name, value]`, repeated names as separate entries, in urllib3's order:
   * names in order of first appearance, each name's values together at that position and
   * under its first spelling (`A: 1`, `B: 2`, `a: 3` gives `A: 1`, `A: 3`, `B: 2`). This is
   * also the order a request head is written in. {@link HTTPHeaderDict.rawPairs} keeps the
   * fields exactly as added or received.
   */
  *items(): IterableIterator<[string, string]> {
    if (this.#needsGrouping()) {
      yield* this.#grouped();
      return;
    }
    const pairs = this.#pairs;
    for (let i = 0; i < pairs.length; i += 2) yield [pairs[i]!, pairs[i + 1]!];
  }

  /**
   * Calls `visit(name, value)` for every field in {@link HTTPHeaderDict.items} order, without
   * allocating a pair per field (what the request writer uses).
   */
  forEachItem(visit: (name: string, value: string) => void): void {
    if (this.#needsGrouping()) {
      for (const [name, value] of this.#grouped()) visit(name, value);
      return;
    }
    const pairs = this.#pairs;
    for (let i = 0; i < pairs.length; i += 2) visit(pairs[i]!, pairs[i + 1]!);
  }

  /** One `[name, joinedValue]` per distinct name, in order of first appearance. */
  *itermerged(): IterableIterator<[string, string]> {
    const lower = this.#index();
    const pairs = this.#pairs;
    const seen = new Set<string>();
    for (let i = 0; i < lower.length; i++) {
      const key = lower[i]!;
      if (seen.has(key)) continue;
      seen.add(key);
      let value = pairs[2 * i + 1]!;
      for (let j = i + 1; j < lower.length; j++) {
        if (lower[j] === key) value = `${value}, ${pairs[2 * j + 1]}`;
      }
      yield [pairs[2 * i]!, value];
    }
  }

  /** Distinct names (as first spelled), in order of first appearance. */
  *keys(): IterableIterator<string> {
    for (const [name] of this.itermerged()) yield name;
  }

  /** Same as {@link HTTPHeaderDict.items}. */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.items();
  }

  /** An independent copy. */
  copy(): HTTPHeaderDict {
    const dict = new HTTPHeaderDict();
    dict.#pairs = this.#pairs.slice();
    dict.#lower = this.#lower === null ? null : this.#lower.slice();
    return dict;
  }

  /** A plain object of merged values (`itermerged()`), for logging and `JSON.stringify`. */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.itermerged()) {
      // defineProperty: a header named "__proto__" must stay data, not become a prototype.
      Object.defineProperty(out, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  static {
    // util.inspect / console.log show the merged fields. Defined here rather than as a computed
    // method because isolatedDeclarations cannot emit computed names; looked up by its
    // registered symbol so core does not import node:util.
    Object.defineProperty(HTTPHeaderDict.prototype, Symbol.for('nodejs.util.inspect.custom'), {
      value(this: HTTPHeaderDict): string {
        return `HTTPHeaderDict ${JSON.stringify(this.toJSON())}`;
      },
    });
  }

  #index(): string[] {
    let lower = this.#lower;
    if (lower === null) {
      const pairs = this.#pairs;
      lower = new Array<string>(pairs.length >> 1);
      for (let i = 0; i < lower.length; i++) lower[i] = pairs[2 * i]!.toLowerCase();
      this.#lower = lower;
    }
    return lower;
  }

  /**
   * Whether {@link HTTPHeaderDict.items} order differs from the stored order: a repeated name
   * that is not next to its previous field, or spelled differently from it.
   */
  #needsGrouping(): boolean {
    const pairs = this.#pairs;
    if (pairs.length <= 2) return false;
    const lower = this.#index();
    for (let i = 1; i < lower.length; i++) {
      const key = lower[i]!;
      if (lower[i - 1] === key) {
        if (pairs[2 * i] !== pairs[2 * i - 2]) return true;
      } else if (lower.lastIndexOf(key, i - 1) !== -1) {
        return true;
      }
    }
    return false;
  }

  /** The fields regrouped as {@link HTTPHeaderDict.items} gives them (index built). */
  *#grouped(): Generator<[string, string]> {
    const pairs = this.#pairs;
    const lower = this.#index();
    for (let i = 0; i < lower.length; i++) {
      const key = lower[i]!;
      if (lower.indexOf(key) !== i) continue;
      const name = pairs[2 * i]!;
      yield [name, pairs[2 * i + 1]!];
      for (let j = i + 1; j < lower.length; j++) {
        if (lower[j] === key) yield [name, pairs[2 * j + 1]!];
      }
    }
  }

  #own(): void {
    if (!this.#owned) {
      this.#pairs = this.#pairs.slice();
      // An index adopted by fromRaw is read-only as well.
      if (this.#lower !== null) this.#lower = this.#lower.slice();
      this.#owned = true;
    }
  }

  #append(name: string, key: string | null, value: string): this {
    this.#own();
    this.#pairs.push(name, value);
    // Keep an already-built index in step; otherwise leave it to be built lazily.
    if (this.#lower !== null) this.#lower.push(key ?? name.toLowerCase());
    return this;
  }

  #removeFrom(key: string, start: number): void {
    const lower = this.#lower!;
    const pairs = this.#pairs;
    let w = start;
    for (let r = start; r < lower.length; r++) {
      if (lower[r] === key) continue;
      lower[w] = lower[r]!;
      pairs[2 * w] = pairs[2 * r]!;
      pairs[2 * w + 1] = pairs[2 * r + 1]!;
      w++;
    }
    lower.length = w;
    pairs.length = 2 * w;
  }
}

function checkName(name: unknown): string {
  if (typeof name !== 'string') {
    throw new TypeError(`Header names must be strings; got ${describe(name)}`);
  }
  return name;
}

function checkValue(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(
      `Header ${JSON.stringify(name)} must have a string value (or an array of strings); got ${describe(value)}. Convert numbers with String().`,
    );
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}
