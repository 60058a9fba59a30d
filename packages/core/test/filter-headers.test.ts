import { describe, expect, it } from 'vitest';
import { filterHeaders, HTTPHeaderDict, withoutBodyHeaders } from '../src/index.ts';

describe('filterHeaders / withoutBodyHeaders', () => {
  it('drops body headers case-insensitively, keeps the rest in items() order, never mutates', () => {
    const original = new HTTPHeaderDict([
      ['Content-Type', 'text/plain'],
      ['X-A', '1'],
      ['CONTENT-LENGTH', '5'],
      ['Authorization', 'Bearer t'],
      ['x-a', '2'],
    ]);
    const result = withoutBodyHeaders(original);
    expect([...result.items()]).toEqual([
      ['X-A', '1'],
      ['X-A', '2'],
      ['Authorization', 'Bearer t'],
    ]);
    expect(original.get('content-type')).toBe('text/plain');
  });

  it('accepts any headers shape and a custom predicate', () => {
    const result = filterHeaders({ Cookie: 'c', Keep: 'k' }, (name) => name !== 'cookie');
    expect(result.toJSON()).toEqual({ Keep: 'k' });
  });
});
