import { describe, expect, it } from 'vitest';
import {
  DependencyWarning,
  HTTPWarning,
  InsecureRequestWarning,
  isHTTPWarning,
  PoolFullWarning,
  SecurityWarning,
  SystemTimeWarning,
} from '../src/index.ts';

describe('warning classes', () => {
  it('form urllib3 hierarchy', () => {
    const w = new InsecureRequestWarning('x');
    expect(w).toBeInstanceOf(Error);
    expect(w).toBeInstanceOf(HTTPWarning);
    expect(w).toBeInstanceOf(SecurityWarning);
    expect(w).not.toBeInstanceOf(SystemTimeWarning);
    expect(w).not.toBeInstanceOf(DependencyWarning);
    expect(new SystemTimeWarning('t')).toBeInstanceOf(SecurityWarning);
    expect(new DependencyWarning('d')).toBeInstanceOf(HTTPWarning);
    expect(new DependencyWarning('d')).not.toBeInstanceOf(SecurityWarning);
    expect(new HTTPWarning('h')).not.toBeInstanceOf(SecurityWarning);
    expect(new PoolFullWarning('p')).toBeInstanceOf(HTTPWarning);
    expect(new PoolFullWarning('p')).not.toBeInstanceOf(SecurityWarning);
  });

  it('name each instance after its class and carry a stable code', () => {
    expect(new InsecureRequestWarning('m').name).toBe('InsecureRequestWarning');
    expect(new InsecureRequestWarning('m').code).toBe('URLPOOL_WARN_INSECURE_REQUEST');
    expect(new DependencyWarning('m').name).toBe('DependencyWarning');
    expect(new SystemTimeWarning('m').name).toBe('SystemTimeWarning');
    expect(new SecurityWarning('m').name).toBe('SecurityWarning');
    expect(new HTTPWarning('m').name).toBe('HTTPWarning');
    expect(new PoolFullWarning('m').name).toBe('PoolFullWarning');
    expect(new PoolFullWarning('m').code).toBe('URLPOOL_WARN_POOL_FULL');
    expect(String(new DependencyWarning('zstd missing'))).toBe('DependencyWarning: zstd missing');
  });

  it('recognise instances from another copy of the module by brand', () => {
    const foreign = Object.create(Error.prototype) as Record<symbol, unknown>;
    foreign[Symbol.for('urlpool.warning.HTTPWarning')] = true;
    foreign[Symbol.for('urlpool.warning.SecurityWarning')] = true;
    foreign[Symbol.for('urlpool.warning.InsecureRequestWarning')] = true;
    expect(foreign).toBeInstanceOf(InsecureRequestWarning);
    expect(foreign).toBeInstanceOf(HTTPWarning);
    expect(foreign).not.toBeInstanceOf(DependencyWarning);
    expect(isHTTPWarning(foreign)).toBe(true);
    expect(isHTTPWarning(new Error('plain'))).toBe(false);
    expect(isHTTPWarning(null)).toBe(false);
    expect(isHTTPWarning('InsecureRequestWarning')).toBe(false);
  });
});
