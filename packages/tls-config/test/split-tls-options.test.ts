import { isTlsOptionName, TLS_OPTION_NAMES, type TlsOptionName } from '@urlpool/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { splitTlsOptions, type TlsOptions } from '../src/index.ts';

describe('splitTlsOptions / isTlsOptionName: the one test of which keys are TLS options', () => {
  it('knows every TLS option name and nothing else', () => {
    for (const name of TLS_OPTION_NAMES) expect(isTlsOptionName(name)).toBe(true);
    expect(isTlsOptionName('maxsize')).toBe(false);
    expect(isTlsOptionName('proxyCaCerts')).toBe(false);
  });

  it("TlsOptions has exactly core's TLS_OPTION_NAMES as keys (checked by the type check)", () => {
    // Core holds the list so node-free packages (fetch-manager) share it; this line fails
    // `pnpm typecheck` when an option is added to TlsOptions but not to the list, or back.
    expectTypeOf<keyof TlsOptions>().toEqualTypeOf<TlsOptionName>();
    expect(TLS_OPTION_NAMES).toContain('useSystemCa');
    expect(new Set(TLS_OPTION_NAMES).size).toBe(TLS_OPTION_NAMES.length);
    expect(Object.isFrozen(TLS_OPTION_NAMES)).toBe(true);
  });

  it('splits useSystemCa like every other TLS option', () => {
    const { tls, rest } = splitTlsOptions({ useSystemCa: true, maxsize: 2 });
    expect(tls).toEqual({ useSystemCa: true });
    expect(rest).toEqual({ maxsize: 2 });
  });

  it('splits TLS options from the rest, dropping undefined TLS values, without mutating', () => {
    const options = { maxsize: 4, caCerts: '/etc/ca.pem', certFile: undefined, block: undefined };
    const { tls, rest } = splitTlsOptions(options);
    expect(tls).toEqual({ caCerts: '/etc/ca.pem' });
    expect(Object.keys(tls)).toEqual(['caCerts']);
    expect(rest).toEqual({ maxsize: 4, block: undefined });
    expect(Object.keys(rest)).toEqual(['maxsize', 'block']);
    expect(options.caCerts).toBe('/etc/ca.pem');
  });
});
