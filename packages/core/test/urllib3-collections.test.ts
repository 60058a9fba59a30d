// Ported from urllib3's test/test_collections.py (TestHTTPHeaderDict). RecentlyUsedContainer
// has no public urlpool equivalent (PoolManager's LRU of pools is internal), so TestLRUContainer
// is not ported. Python's mapping protocol maps to: d[k] = v -> set, d[k] -> get, del -> delete,
// len -> size, `in` -> has, dict(d) -> toJSON(), repr -> util.inspect.
import { inspect } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { HTTPHeaderDict } from '../src/index.ts';

/** Python's HTTPHeaderDict equality: same names (any case) with the same merged values. */
function merged(h: HTTPHeaderDict | Iterable<readonly [string, string]>): Record<string, string> {
  const dict = h instanceof HTTPHeaderDict ? h : new HTTPHeaderDict(h);
  return Object.fromEntries([...dict.itermerged()].map(([k, v]) => [k.toLowerCase(), v]));
}

describe('urllib3 test_collections: HTTPHeaderDict', () => {
  let d: HTTPHeaderDict;
  beforeEach(() => {
    d = new HTTPHeaderDict({ Cookie: 'foo' });
    d.add('cookie', 'bar');
  });

  it('is built from an object (urllib3 kwargs and dict)', () => {
    const h = new HTTPHeaderDict({ ab: '1', cd: '2', ef: '3', gh: '4' });
    expect(h.size).toBe(4);
    expect(h.has('ab')).toBe(true);
  });

  it('setDefault returns what is there, or sets the value (empty by default)', () => {
    const h = new HTTPHeaderDict({ a: '1' });
    expect(h.setDefault('A', '3')).toBe('1');
    expect(h.setDefault('b', '2')).toBe('2');
    expect(h.setDefault('c')).toBe('');
    expect(h.get('c')).toBe('');
    expect(h.get('b')).toBe('2');
  });

  it('is built from an iterator of pairs', () => {
    const text = 'urllib3ontherocks';
    function* pairs(): Generator<[string, string]> {
      for (const c of text) yield [c, c.repeat(5)];
    }
    expect(new HTTPHeaderDict(pairs()).size).toBe(new Set(text).size);
  });

  const list: [string, string][] = [
    ['ab', 'A'],
    ['cd', 'B'],
    ['cookie', 'C'],
    ['cookie', 'D'],
    ['cookie', 'E'],
  ];

  it('is built from a list of pairs, keeping repeated names', () => {
    const h = new HTTPHeaderDict(list);
    expect(h.size).toBe(3);
    expect(h.has('ab')).toBe(true);
    const cookies = h.getlist('cookie');
    expect(cookies).toHaveLength(3);
    expect(cookies[0]).toBe('C');
    expect(cookies.at(-1)).toBe('E');
  });

  it('is built from another HTTPHeaderDict, as an equal but separate dict', () => {
    const org = new HTTPHeaderDict(list);
    const h = new HTTPHeaderDict(org);
    expect(h.size).toBe(3);
    expect(h.has('ab')).toBe(true);
    expect(h.getlist('cookie')).toEqual(['C', 'D', 'E']);
    expect(h).not.toBe(org);
    expect(merged(h)).toEqual(merged(org));
  });

  it('set replaces every value of the name (setitem / update)', () => {
    d.set('Cookie', 'foo');
    expect(d.get('cookie')).toBe('foo');
    d.set('cookie', 'with, comma');
    expect(d.getlist('cookie')).toEqual(['with, comma']);
  });

  it('delete removes the name in any case (delitem)', () => {
    d.delete('cookie');
    expect(d.has('cookie')).toBe(false);
    expect(d.has('COOKIE')).toBe(false);
  });

  it('add keeps well-known multi-value headers separate', () => {
    d.add('COOKIE', 'asdf');
    expect(d.getlist('cookie')).toEqual(['foo', 'bar', 'asdf']);
    expect(d.get('cookie')).toBe('foo, bar, asdf');
  });

  it('add keeps any repeated name separate and joins it with ", "', () => {
    d.add('bar', 'foo');
    d.add('BAR', 'bar');
    d.add('Bar', 'asdf');
    expect(d.getlist('bar')).toEqual(['foo', 'bar', 'asdf']);
    expect(d.get('bar')).toBe('foo, bar, asdf');
  });

  it('extend from a list of pairs', () => {
    d.extend([
      ['set-cookie', '100'],
      ['set-cookie', '200'],
      ['set-cookie', '300'],
    ]);
    expect(d.get('set-cookie')).toBe('100, 200, 300');
  });

  it('extend from an object', () => {
    d.extend({ cookie: 'asdf', b: '100' });
    expect(d.get('cookie')).toBe('foo, bar, asdf');
    expect(d.get('b')).toBe('100');
    d.add('cookie', 'with, comma');
    expect(d.getlist('cookie')).toEqual(['foo', 'bar', 'asdf', 'with, comma']);
  });

  it.each([
    [
      'a Map (the non-mapping container)',
      () =>
        new Map([
          ['Cookie', 'foo'],
          ['e', 'foofoo'],
        ]),
    ],
    [
      'a web Headers',
      () =>
        new Headers([
          ['Cookie', 'foo'],
          ['e', 'foofoo'],
        ]),
    ],
    ['an HTTPHeaderDict', () => new HTTPHeaderDict({ Cookie: 'foo', e: 'foofoo' })],
  ])('extend from %s', (_, make) => {
    d.extend(make());
    expect(d.get('cookie')).toBe('foo, bar, foo');
    expect(d.get('e')).toBe('foofoo');
    expect(d.size).toBe(2);
  });

  it.each([1, 'a string of names', null])('extend(%j) is a TypeError', (value) => {
    expect(() => d.extend(value as never)).toThrow(TypeError);
  });

  it('copy is equal but separate', () => {
    const h = d.copy();
    expect(h).not.toBe(d);
    expect(merged(h)).toEqual(merged(d));
    h.add('cookie', 'more');
    expect(d.getlist('cookie')).toEqual(['foo', 'bar']);
  });

  it('getlist is case-insensitive and empty for a missing name', () => {
    expect(d.getlist('cookie')).toEqual(['foo', 'bar']);
    expect(d.getlist('Cookie')).toEqual(['foo', 'bar']);
    expect(d.getlist('b')).toEqual([]);
    d.add('b', 'asdf');
    expect(d.getlist('b')).toEqual(['asdf']);
  });

  it('getlist survives a copy through the constructor', () => {
    expect(new HTTPHeaderDict(d).getlist('cookie')).toEqual(d.getlist('cookie'));
  });

  it('equals a dict or a container with the merged value (compared as merged fields)', () => {
    expect(merged(d)).toEqual(merged(new HTTPHeaderDict({ cookie: 'foo, bar' })));
    expect(merged(d)).toEqual(merged(new Map([['cookie', 'foo, bar']])));
    expect(merged(d)).toEqual(merged([['cookie', 'foo, bar']]));
    expect(merged(d)).not.toEqual(merged(new HTTPHeaderDict({ cookie: 'foo' })));
  });

  it('has() matches names in any case, and nothing else (dunder_contains)', () => {
    expect(d.has('cookie')).toBe(true);
    expect(d.has('CoOkIe')).toBe(true);
    expect(d.has('Not a cookie')).toBe(false);
    expect(d.has({} as never)).toBe(false);
  });

  it('pop: get then delete; a second delete finds nothing', () => {
    const value = d.get('Cookie');
    expect(d.delete('Cookie')).toBe(true);
    expect(value).toBe('foo, bar');
    expect(d.has('Cookie')).toBe(false);
    expect(d.get('Cookie')).toBeNull();
    expect(d.delete('Cookie')).toBe(false);
  });

  it('discard: deleting a missing name does not throw', () => {
    d.delete('cookie');
    expect(d.has('cookie')).toBe(false);
    expect(() => d.delete('cookie')).not.toThrow();
  });

  it('size counts distinct names', () => {
    expect(d.size).toBe(1);
    d.add('cookie', 'bla');
    d.add('asdf', 'foo');
    expect(d.size).toBe(2);
  });

  it('shows merged fields under the first spelling (repr)', () => {
    expect(inspect(d)).toBe('HTTPHeaderDict {"Cookie":"foo, bar"}');
    expect(d.toJSON()).toEqual({ Cookie: 'foo, bar' });
  });

  it('items() yields every field separately, under the first spelling', () => {
    const items = [...d.items()];
    expect(items).toHaveLength(2);
    expect(items).toEqual([
      ['Cookie', 'foo'],
      ['Cookie', 'bar'],
    ]);
    const has = (name: string, value: unknown) =>
      items.some(([n, v]) => n.toLowerCase() === name.toLowerCase() && v === value);
    expect(has('Cookie', 'foo')).toBe(true);
    expect(has('Cookie', 'bar')).toBe(true);
    expect(has('X-Some-Header', 'foo')).toBe(false);
    expect(has('Cookie', 'not_present')).toBe(false);
    expect(has('Cookie', 1)).toBe(false);
    // keys() and itermerged() group under the first spelling, as urllib3 does.
    expect([...d.keys()]).toEqual(['Cookie']);
  });

  it('add with combine appends to the last value; copies and extend keep the fields', () => {
    d.set('other-header', 'hello');
    d.add('other-header', 'world');
    expect([...d.items()]).toEqual([
      ['Cookie', 'foo'],
      ['Cookie', 'bar'],
      ['other-header', 'hello'],
      ['other-header', 'world'],
    ]);
    d.add('other-header', '!', { combine: true });
    const expected = [
      ['Cookie', 'foo'],
      ['Cookie', 'bar'],
      ['other-header', 'hello'],
      ['other-header', 'world, !'],
    ];
    expect([...d.items()]).toEqual(expected);
    expect([...d.copy().items()]).toEqual(expected);
    const other = new HTTPHeaderDict();
    other.extend(d);
    expect([...other.items()]).toEqual(expected);
  });

  // Python's `|` and `|=` on HTTPHeaderDict: copy().extend(), and extend() in place.
  it('union: a copy extended with the other headers leaves both operands alone', () => {
    const toMerge = { Cookie: 'tim-tam' };
    const result = d.copy().extend(toMerge);
    expect(merged(result)).toEqual({ cookie: 'foo, bar, tim-tam' });
    expect(toMerge).toEqual({ Cookie: 'tim-tam' });
    expect(merged(d)).toEqual({ cookie: 'foo, bar' });
  });

  it('union from the right-hand side keeps the other headers first', () => {
    const toMerge = { Cookie: 'tim-tam' };
    const result = new HTTPHeaderDict(toMerge).extend(d);
    expect(merged(result)).toEqual({ cookie: 'tim-tam, foo, bar' });
    expect(merged(d)).toEqual({ cookie: 'foo, bar' });
  });

  it('in-place union is extend', () => {
    d.extend({ Cookie: 'tim-tam' });
    expect(merged(d)).toEqual({ cookie: 'foo, bar, tim-tam' });
  });

  it.each([42, 3.14, null, undefined])('union with %j is a TypeError', (value) => {
    expect(() => d.copy().extend(value as never)).toThrow(TypeError);
  });

  it('converts to a plain object keeping the names as given', () => {
    const hdict = {
      'Content-Length': '0',
      'Content-type': 'text/plain',
      Server: 'TornadoServer/1.2.3',
    };
    expect(Object.fromEntries(new HTTPHeaderDict(hdict).items())).toEqual(hdict);
    expect(new HTTPHeaderDict(hdict).toJSON()).toEqual(hdict);
  });

  it('enforces strings for names and values', () => {
    expect(() => d.set(3 as never, 5 as never)).toThrow(TypeError);
    expect(() => d.add(3 as never, 4 as never)).toThrow(TypeError);
    expect(() => d.delete(3 as never)).toThrow(TypeError);
    expect(() => new HTTPHeaderDict({ 3: 3 } as never)).toThrow(TypeError);
  });
});
