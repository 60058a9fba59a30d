import { domainToASCII as nodeToASCII, domainToUnicode as nodeToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { domainToASCII, domainToUnicode } from '../src/platform/idna.web.ts';

const names = [
  'münchen.de',
  'bücher',
  'ПРИМЕР.испытание',
  '例え.テスト',
  'faß.de',
  'ＡＢＣ.com',
  'straße',
  'مثال.إختبار',
  'xn--mnchen-3ya.de',
  'i❤.ws',
  'a.b.c',
  '',
  'bad host',
];

describe('IDNA without node:url (URL + RFC 3492 decoding) matches Node', () => {
  it.each(names)('%s', (name) => {
    expect(domainToASCII(name)).toBe(nodeToASCII(name));
    const ascii = nodeToASCII(name);
    if (ascii !== '') expect(domainToUnicode(ascii)).toBe(nodeToUnicode(ascii));
  });

  it('keeps a fake A-label (xn-- decoding to ASCII only) as UTS #46 and Node 24 do', () => {
    expect(domainToASCII('xn--zz--')).toBe(nodeToASCII('xn--zz--'));
    expect(domainToUnicode('xn--zz--')).toBe('xn--zz--');
    expect(domainToUnicode('xn--zz--.xn--mnchen-3ya.de')).toBe('xn--zz--.münchen.de');
  });

  it('malformed punycode decodes to the empty string', () => {
    expect(domainToUnicode('xn--a-ecp.xn--99999999999')).toBe('');
  });
});
