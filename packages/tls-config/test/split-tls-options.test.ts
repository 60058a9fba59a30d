import { describe, expect, it } from 'vitest';
import { isTlsOptionName, splitTlsOptions, TLS_OPTION_NAMES } from '../src/index.ts';

describe('splitTlsOptions / isTlsOptionName: the one test of which keys are TLS options', () => {
  it('knows every TLS option name and nothing else', () => {
    for (const name of TLS_OPTION_NAMES) expect(isTlsOptionName(name)).toBe(true);
    expect(isTlsOptionName('maxsize')).toBe(false);
    expect(isTlsOptionName('proxyCaCerts')).toBe(false);
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
