import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HTTPHeaderDict } from '../src/index.ts';

describe('HTTPHeaderDict', () => {
  it('looks names up case-insensitively and returns null when absent', () => {
    const h = new HTTPHeaderDict({ 'Content-Type': 'text/plain' });
    expect(h.get('content-type')).toBe('text/plain');
    expect(h.get('CONTENT-TYPE')).toBe('text/plain');
    expect(h.has('Content-type')).toBe(true);
    expect(h.get('missing')).toBeNull();
    expect(h.has('missing')).toBe(false);
    expect(h.getlist('missing')).toEqual([]);
  });

  it('keeps duplicates separate in items() and joins them in get()', () => {
    const h = new HTTPHeaderDict();
    h.add('Set-Cookie', 'a=1');
    h.add('X-Other', 'x');
    h.add('set-cookie', 'b=2');
    expect(h.get('SET-COOKIE')).toBe('a=1, b=2');
    expect(h.getlist('set-cookie')).toEqual(['a=1', 'b=2']);
    expect([...h.items()]).toEqual([
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['X-Other', 'x'],
    ]);
    expect([...h]).toEqual([...h.items()]);
    // rawPairs keeps the fields as added.
    expect(h.rawPairs()).toEqual(['Set-Cookie', 'a=1', 'X-Other', 'x', 'set-cookie', 'b=2']);
    expect([...h.itermerged()]).toEqual([
      ['Set-Cookie', 'a=1, b=2'],
      ['X-Other', 'x'],
    ]);
    expect([...h.keys()]).toEqual(['Set-Cookie', 'X-Other']);
    expect(h.size).toBe(2);
  });

  it('combines with the last value when asked', () => {
    const h = new HTTPHeaderDict([
      ['Accept', 'a'],
      ['accept', 'b'],
    ]);
    h.add('ACCEPT', 'c', { combine: true });
    expect(h.getlist('accept')).toEqual(['a', 'b, c']);
    h.add('New', 'v', { combine: true });
    expect(h.getlist('new')).toEqual(['v']);
  });

  it('set replaces every field of the name at the first position', () => {
    const h = new HTTPHeaderDict([
      ['A', '1'],
      ['B', '2'],
      ['a', '3'],
      ['C', '4'],
    ]);
    h.set('a', 'x');
    expect([...h.items()]).toEqual([
      ['a', 'x'],
      ['B', '2'],
      ['C', '4'],
    ]);
    h.set('D', 'd');
    expect([...h.keys()]).toEqual(['a', 'B', 'C', 'D']);
  });

  it('delete removes every field of the name', () => {
    const h = new HTTPHeaderDict([
      ['A', '1'],
      ['B', '2'],
      ['a', '3'],
    ]);
    expect(h.delete('A')).toBe(true);
    expect(h.delete('A')).toBe(false);
    expect([...h.items()]).toEqual([['B', '2']]);
    expect(h.size).toBe(1);
  });

  it('setDefault only sets an absent name', () => {
    const h = new HTTPHeaderDict({ A: '1' });
    expect(h.setDefault('a', '2')).toBe('1');
    expect(h.setDefault('b', '3')).toBe('3');
    expect(h.toJSON()).toEqual({ A: '1', b: '3' });
  });

  it('builds from objects with array values, pairs, Headers, Map and another dict', () => {
    expect([...new HTTPHeaderDict({ A: ['1', '2'], B: '3' })]).toEqual([
      ['A', '1'],
      ['A', '2'],
      ['B', '3'],
    ]);
    const web = new Headers();
    web.append('Set-Cookie', 'a=1');
    web.append('Set-Cookie', 'b=2');
    web.append('X', 'y');
    expect(new HTTPHeaderDict(web).getlist('set-cookie')).toEqual(['a=1', 'b=2']);
    expect(new HTTPHeaderDict(new Map([['K', 'v']])).get('k')).toBe('v');
    const original = new HTTPHeaderDict({ A: '1' });
    const copy = new HTTPHeaderDict(original);
    copy.add('A', '2');
    expect(original.getlist('a')).toEqual(['1']);
  });

  it('never mutates caller objects', () => {
    const init = { A: ['1'] as string[], B: '2' };
    const h = new HTTPHeaderDict(init);
    h.add('A', 'x');
    h.set('B', 'y');
    expect(init).toEqual({ A: ['1'], B: '2' });
  });

  it('rejects non-string values and malformed pairs with TypeError', () => {
    expect(() => new HTTPHeaderDict({ 'Content-Length': 5 as unknown as string })).toThrow(
      /Content-Length.*string value.*got number/,
    );
    expect(() => new HTTPHeaderDict([['only-name'] as unknown as [string, string]])).toThrow(
      TypeError,
    );
    expect(() => new HTTPHeaderDict([[1, 'v'] as unknown as [string, string]])).toThrow(
      /names must be strings/,
    );
  });

  it('extend with itself doubles each field once', () => {
    const h = new HTTPHeaderDict({ A: '1' });
    h.extend(h);
    expect(h.getlist('a')).toEqual(['1', '1']);
  });

  it('extend adds every field of another dict', () => {
    const h = new HTTPHeaderDict({ A: '1' });
    h.extend(new HTTPHeaderDict({ a: '2', B: '3' }));
    expect(h.getlist('a')).toEqual(['1', '2']);
    expect(h.get('b')).toBe('3');
  });

  it('copy is independent, including its index', () => {
    const h = new HTTPHeaderDict({ A: '1' });
    h.get('a');
    const c = h.copy();
    c.add('a', '2');
    c.delete('zzz');
    expect(h.getlist('a')).toEqual(['1']);
    expect(c.getlist('A')).toEqual(['1', '2']);
  });

  it('toJSON merges values and keeps "__proto__" as a plain key', () => {
    const h = new HTTPHeaderDict([
      ['__proto__', 'x'],
      ['A', '1'],
      ['a', '2'],
    ]);
    const json = h.toJSON();
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.keys(json)).toEqual(['__proto__', 'A']);
    expect(JSON.parse(JSON.stringify(h))).toEqual(JSON.parse('{"__proto__":"x","A":"1, 2"}'));
  });

  it('shows merged fields in util.inspect', () => {
    const h = new HTTPHeaderDict([
      ['A', '1'],
      ['a', '2'],
    ]);
    expect(inspect(h)).toBe('HTTPHeaderDict {"A":"1, 2"}');
  });

  describe('fromRaw', () => {
    it('adopts the flat array without copying and keeps original case', () => {
      const flat = ['Content-Type', 'text/html', 'SET-COOKIE', 'a', 'set-cookie', 'b'];
      const h = HTTPHeaderDict.fromRaw(flat);
      expect(h.rawPairs()).toBe(flat);
      expect(h.get('content-type')).toBe('text/html');
      expect(h.getlist('Set-Cookie')).toEqual(['a', 'b']);
      expect([...h.keys()]).toEqual(['Content-Type', 'SET-COOKIE']);
    });

    it('copies before the first write so the caller array is untouched', () => {
      const flat = ['A', '1', 'B', '2'];
      const h = HTTPHeaderDict.fromRaw(flat);
      h.get('a');
      h.set('a', 'x');
      h.add('C', '3');
      h.delete('b');
      expect(flat).toEqual(['A', '1', 'B', '2']);
      expect([...h]).toEqual([
        ['a', 'x'],
        ['C', '3'],
      ]);
      expect(h.rawPairs()).not.toBe(flat);
    });

    it('adopts lowercased names as its index and copies them before the first write', () => {
      const flat = Object.freeze(['Content-Type', 'text/html', 'X-A', '1', 'x-a', '2']);
      const lower = Object.freeze(['content-type', 'x-a', 'x-a']);
      const h = HTTPHeaderDict.fromRaw(flat, lower);
      expect(h.get('X-A')).toBe('1, 2');
      h.set('x-a', 'y');
      h.add('B', '3');
      h.delete('content-type');
      expect(flat).toEqual(['Content-Type', 'text/html', 'X-A', '1', 'x-a', '2']);
      expect(lower).toEqual(['content-type', 'x-a', 'x-a']);
      expect([...h]).toEqual([
        ['x-a', 'y'],
        ['B', '3'],
      ]);
      expect(h.get('b')).toBe('3');
      expect(HTTPHeaderDict.fromRaw(flat, lower).get('x-a')).toBe('1, 2');
    });

    it('works when written before any lookup', () => {
      const flat = ['A', '1'];
      const h = HTTPHeaderDict.fromRaw(flat);
      h.add('a', '2');
      expect(h.get('A')).toBe('1, 2');
      expect(flat).toEqual(['A', '1']);
    });
  });
});

describe('HTTPHeaderDict: urllib3 conformance', () => {
  it('has() of a non-string is false, as urllib3 `{} in headers`, not a TypeError', () => {
    const h = new HTTPHeaderDict({ A: '1' });
    expect(h.has({} as unknown as string)).toBe(false);
    expect(h.has(null as unknown as string)).toBe(false);
    expect(h.has(42 as unknown as string)).toBe(false);
  });

  it('items(), keys() and itermerged() group like urllib3; rawPairs() keeps wire order and spelling', () => {
    const h = HTTPHeaderDict.fromRaw(['Set-Cookie', 'a=1', 'Date', 'x', 'set-cookie', 'b=2']);
    expect([...h.items()]).toEqual([
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['Date', 'x'],
    ]);
    expect(h.rawPairs()).toEqual(['Set-Cookie', 'a=1', 'Date', 'x', 'set-cookie', 'b=2']);
    // Adjacent fields with one spelling need no regrouping.
    const plain = new HTTPHeaderDict([
      ['A', '1'],
      ['A', '2'],
      ['B', '3'],
    ]);
    expect([...plain.items()]).toEqual([
      ['A', '1'],
      ['A', '2'],
      ['B', '3'],
    ]);
    const visited: string[] = [];
    h.forEachItem((name, value) => visited.push(`${name}: ${value}`));
    expect(visited).toEqual(['Set-Cookie: a=1', 'Set-Cookie: b=2', 'Date: x']);
    expect([...h.keys()]).toEqual(['Set-Cookie', 'Date']);
    expect([...h.itermerged()]).toEqual([
      ['Set-Cookie', 'a=1, b=2'],
      ['Date', 'x'],
    ]);
  });
});
