import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeSocksFailure,
  SOCKS_LIBRARY_MESSAGES,
  SOCKS4_REPLIES,
  SOCKS5_REPLIES,
} from '../src/socks-reply-messages.ts';

// The socks package does not export its constants from its main entry; read them from the
// installed copy so an upgrade that renames them fails here, not silently in production.
const require = createRequire(import.meta.url);
const constants = require(
  join(dirname(require.resolve('socks/package.json')), 'build/common/constants.js'),
) as {
  ERRORS: Record<string, string>;
  Socks5Response: Record<number, string>;
  Socks4Response: Record<number, string>;
};

describe('the socks package messages this package interprets', () => {
  it('match the installed package', () => {
    for (const [key, text] of Object.entries(SOCKS_LIBRARY_MESSAGES)) {
      expect(constants.ERRORS[key], key).toBe(text);
    }
    for (const [code, [name]] of SOCKS5_REPLIES) expect(constants.Socks5Response[code]).toBe(name);
    for (const [code, [name]] of SOCKS4_REPLIES) expect(constants.Socks4Response[code]).toBe(name);
  });

  it('name every reply in the RFC words', () => {
    expect(describeSocksFailure('Socks5 proxy rejected connection - NotAllowed', 5, false)).toBe(
      'connection not allowed by ruleset (SOCKS5 reply 0x02)',
    );
    expect(describeSocksFailure('Socks4 Proxy rejected connection - (Failed)', 4, false)).toBe(
      'request rejected or failed (SOCKS4 reply 91)',
    );
    expect(describeSocksFailure('Socks5 Authentication failed', 5, true)).toMatch(
      /^authentication failed/,
    );
    expect(describeSocksFailure('Socks5 proxy rejected connection - undefined', 5, false)).toBe(
      'unknown SOCKS5 reply code (is this a SOCKS5 proxy?)',
    );
    expect(describeSocksFailure('read ECONNRESET', 5, false)).toBe('read ECONNRESET');
  });
});
