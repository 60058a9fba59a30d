import { isIPv4 } from 'node:net';
import type { ByteReader } from './byte-reader.ts';

/** The stages of a SOCKS negotiation, for fault injection. */
export type SocksStage = 'greeting' | 'auth' | 'request';

/** One CONNECT request as the SOCKS server received it. */
export interface SocksConnectRequest {
  /** 4 or 5. */
  readonly version: 4 | 5;
  /**
   * How the target was named: `ipv4`/`ipv6` addresses, a `domain` name (SOCKS5 type 3), or a
   * `socks4a` name (SOCKS4 with address 0.0.0.x).
   */
  readonly addressType: 'ipv4' | 'ipv6' | 'domain' | 'socks4a';
  /** Target host as sent (an address, or the name the proxy resolves). */
  readonly host: string;
  /** Target port. */
  readonly port: number;
  /** SOCKS5 username or SOCKS4 user id, if any was sent. */
  readonly username: string | undefined;
  /** SOCKS command code (1 = CONNECT). */
  readonly command: number;
}

/** Settings the handshake needs. */
export interface HandshakeConfig {
  readonly versions: ReadonlySet<4 | 5>;
  readonly auth: { readonly username: string; readonly password: string } | undefined;
  /** Called as each stage starts; may stall or reset (it returns false to stop). */
  readonly atStage: (stage: SocksStage) => Promise<boolean>;
}

/** Why a negotiation ended without a request. */
export type HandshakeFailure = { readonly failed: string; readonly version: 4 | 5 };

/** Reads greeting, authentication and request; writes the method and auth replies. */
export async function readSocksRequest(
  reader: ByteReader,
  write: (bytes: Buffer) => void,
  config: HandshakeConfig,
): Promise<SocksConnectRequest | HandshakeFailure | null> {
  if (!(await config.atStage('greeting'))) return null;
  const [version] = await reader.read(1);
  if (version === 4 && config.versions.has(4)) return readSocks4(reader, config);
  if (version !== 5 || !config.versions.has(5)) {
    return { failed: `unsupported SOCKS version ${version}`, version: 5 };
  }
  const [count] = await reader.read(1);
  const methods = await reader.read(count!);
  const wanted = config.auth === undefined ? 0x00 : 0x02;
  if (!methods.includes(wanted)) {
    write(Buffer.from([5, 0xff]));
    return { failed: 'no acceptable authentication method', version: 5 };
  }
  write(Buffer.from([5, wanted]));
  let username: string | undefined;
  if (config.auth !== undefined) {
    if (!(await config.atStage('auth'))) return null;
    const [subVersion, ulen] = await reader.read(2);
    username = (await reader.read(ulen!)).toString('utf8');
    const [plen] = await reader.read(1);
    const password = (await reader.read(plen!)).toString('utf8');
    const ok =
      subVersion === 1 && username === config.auth.username && password === config.auth.password;
    write(Buffer.from([1, ok ? 0 : 1]));
    if (!ok) return { failed: 'authentication failed', version: 5 };
  }
  if (!(await config.atStage('request'))) return null;
  const [, command, , atyp] = await reader.read(4);
  let host: string;
  let addressType: SocksConnectRequest['addressType'];
  if (atyp === 1) {
    host = [...(await reader.read(4))].join('.');
    addressType = 'ipv4';
  } else if (atyp === 4) {
    const raw = await reader.read(16);
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(raw.readUInt16BE(i).toString(16));
    host = compressIPv6(groups);
    addressType = 'ipv6';
  } else if (atyp === 3) {
    const [len] = await reader.read(1);
    host = (await reader.read(len!)).toString('latin1');
    addressType = 'domain';
  } else {
    return { failed: `address type ${atyp} not supported`, version: 5 };
  }
  const port = (await reader.read(2)).readUInt16BE(0);
  return { version: 5, addressType, host, port, username, command: command! };
}

async function readSocks4(
  reader: ByteReader,
  config: HandshakeConfig,
): Promise<SocksConnectRequest | HandshakeFailure | null> {
  if (!(await config.atStage('request'))) return null;
  const head = await reader.read(7);
  const command = head[0]!;
  const port = head.readUInt16BE(1);
  const ip = [...head.subarray(3, 7)].join('.');
  const userId = (await reader.readUntilNul()).toString('latin1');
  // SOCKS4a: 0.0.0.x with x != 0 means "a host name follows the user id".
  const is4a = head[3] === 0 && head[4] === 0 && head[5] === 0 && head[6] !== 0;
  const host = is4a ? (await reader.readUntilNul()).toString('latin1') : ip;
  if (config.auth !== undefined && userId !== config.auth.username) {
    return { failed: 'user id not allowed', version: 4 };
  }
  return {
    version: 4,
    addressType: is4a ? 'socks4a' : 'ipv4',
    host,
    port,
    username: userId === '' ? undefined : userId,
    command,
  };
}

/** The SOCKS success reply (bound address 0.0.0.0:0, which clients ignore). */
export function successReply(version: 4 | 5): Buffer {
  return version === 4
    ? Buffer.from([0, 90, 0, 0, 0, 0, 0, 0])
    : Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
}

/** A failure reply with `code` (SOCKS5 REP, or SOCKS4 CD 91-93). */
export function failureReply(version: 4 | 5, code: number): Buffer {
  return version === 4
    ? Buffer.from([0, code, 0, 0, 0, 0, 0, 0])
    : Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
}

function compressIPv6(groups: string[]): string {
  const text = groups.join(':');
  // Longest run of zero groups becomes '::' (enough for loopback checks and logs).
  const match = /(?:^|:)0(?::0)+(?::|$)/.exec(text);
  if (match === null) return text;
  return `${text.slice(0, match.index)}::${text.slice(match.index + match[0].length)}`;
}

/** True for 127.0.0.0/8 and ::1 (and ::ffff:127.x): the only targets test proxies reach. */
export function isLoopbackAddress(address: string): boolean {
  if (isIPv4(address)) return address.startsWith('127.');
  const lower = address.toLowerCase();
  return lower === '::1' || lower.startsWith('::ffff:127.');
}
