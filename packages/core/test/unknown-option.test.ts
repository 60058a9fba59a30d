import { describe, expect, it } from 'vitest';
import { unknownOptionError } from '../src/index.ts';

describe('unknownOptionError', () => {
  it.each([
    ['maxSize', 'maxsize'],
    ['num_pools', 'numPools'],
    ['caCert', 'caCerts'],
    ['ca_certs', 'caCerts'],
  ])('suggests the known name for %s', (key, suggestion) => {
    const error = unknownOptionError('PoolManager', key, ['numPools', 'maxsize', 'caCerts']);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(
      `Unknown PoolManager option "${key}"; did you mean "${suggestion}"?`,
    );
  });

  it('suggests nothing for an unrelated name', () => {
    expect(unknownOptionError('X', 'zzz', ['numPools']).message).toBe('Unknown X option "zzz"');
  });
});
