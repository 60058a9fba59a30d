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
  'xn--zz--',
];

describe('IDNA without node:url (URL + RFC 3492 decoding) matches Node', () => {
  it.each(names)('%s', (name) => {
    expect(domainToASCII(name)).toBe(nodeToASCII(name));
    const ascii = nodeToASCII(name);
    if (ascii !== '') expect(domainToUnicode(ascii)).toBe(nodeToUnicode(ascii));
  });

  it('malformed punycode decodes to the empty string', () => {
    expect(domainToUnicode('xn--a-ecp.xn--99999999999')).toBe('');
  });
});
