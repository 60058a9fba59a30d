/**
 * SOCKS replies in words. The `socks` package reports a failure as an Error whose message is
 * one of its `ERRORS` strings, a refusal with the reply code's enum name appended
 * (`"Socks5 proxy rejected connection - NotAllowed"`). Its main entry does not export those
 * constants, so the strings it builds are listed here; `test/socks-reply-messages.test.ts`
 * checks them against the installed package, so an upgrade that changes them fails the tests.
 */

/** The `socks` package's `ERRORS` messages this module interprets. */
export const SOCKS_LIBRARY_MESSAGES = {
  Socks4ProxyRejectedConnection: 'Socks4 Proxy rejected connection',
  InvalidSocks5FinalHandshakeRejected: 'Socks5 proxy rejected connection',
  Socks5AuthenticationFailed: 'Socks5 Authentication failed',
  InvalidSocks5InitialHandshakeNoAcceptedAuthType:
    'Received invalid Socks5 initial handshake (no accepted authentication type)',
  SocketClosed: 'Socket closed',
  ProxyConnectionTimedOut: 'Proxy connection timed out',
} as const;

/** SOCKS5 reply codes: the `socks` package's enum name and RFC 1928 §6's words. */
export const SOCKS5_REPLIES: ReadonlyMap<number, readonly [name: string, text: string]> = new Map([
  [0x01, ['Failure', 'general SOCKS server failure']],
  [0x02, ['NotAllowed', 'connection not allowed by ruleset']],
  [0x03, ['NetworkUnreachable', 'network unreachable']],
  [0x04, ['HostUnreachable', 'host unreachable']],
  [0x05, ['ConnectionRefused', 'connection refused']],
  [0x06, ['TTLExpired', 'TTL expired']],
  [0x07, ['CommandNotSupported', 'command not supported']],
  [0x08, ['AddressNotSupported', 'address type not supported']],
]);

/** SOCKS4 reply codes: the `socks` package's enum name and the SOCKS4 protocol's words. */
export const SOCKS4_REPLIES: ReadonlyMap<number, readonly [name: string, text: string]> = new Map([
  [91, ['Failed', 'request rejected or failed']],
  [
    92,
    ['Rejected', 'request rejected because SOCKS server cannot connect to identd on the client'],
  ],
  [
    93,
    [
      'RejectedIdent',
      'request rejected because the client program and identd report different user-ids',
    ],
  ],
]);

let rejections: Map<string, string> | undefined;

/** Built on first use: module top levels stay free of work (`sideEffects: false`). */
function rejectionMessages(): Map<string, string> {
  if (rejections !== undefined) return rejections;
  rejections = new Map();
  const m = SOCKS_LIBRARY_MESSAGES;
  for (const [code, [name, text]] of SOCKS5_REPLIES) {
    const hex = `0x${code.toString(16).padStart(2, '0')}`;
    rejections.set(
      `${m.InvalidSocks5FinalHandshakeRejected} - ${name}`,
      `${text} (SOCKS5 reply ${hex})`,
    );
  }
  for (const [code, [name, text]] of SOCKS4_REPLIES) {
    rejections.set(
      `${m.Socks4ProxyRejectedConnection} - (${name})`,
      `${text} (SOCKS4 reply ${code})`,
    );
  }
  rejections.set(
    `${m.InvalidSocks5FinalHandshakeRejected} - undefined`,
    'unknown SOCKS5 reply code (is this a SOCKS5 proxy?)',
  );
  rejections.set(
    `${m.Socks4ProxyRejectedConnection} - (undefined)`,
    'unknown SOCKS4 reply code (is this a SOCKS4 proxy?)',
  );
  return rejections;
}

/**
 * Describes a failure the `socks` package reported in words that name the SOCKS reply
 * ("connection not allowed by ruleset (SOCKS5 reply 0x02)", "authentication failed: …").
 * Anything else (a socket error, a malformed reply) keeps the package's own message.
 */
export function describeSocksFailure(
  message: string,
  version: 4 | 5,
  offeredAuth: boolean,
): string {
  const rejection = rejectionMessages().get(message);
  if (rejection !== undefined) return rejection;
  const m = SOCKS_LIBRARY_MESSAGES;
  switch (message) {
    case m.Socks5AuthenticationFailed:
      // "SOCKS5 authentication failed" is the phrase urllib3 (PySocks) users match on.
      return 'authentication failed: the proxy rejected the username or password (SOCKS5 authentication failed, RFC 1929)';
    case m.InvalidSocks5InitialHandshakeNoAcceptedAuthType:
      return offeredAuth
        ? 'no acceptable authentication method: the proxy accepts neither no authentication nor username/password'
        : 'no acceptable authentication method: the proxy requires authentication (give a username and password)';
    case m.SocketClosed:
      return `the proxy closed the connection during the SOCKS${version} negotiation`;
    default:
      return message.startsWith('Received invalid')
        ? `invalid SOCKS${version} reply from the proxy (${message})`
        : message;
  }
}
