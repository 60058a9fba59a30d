// Username/password authentication (RFC 1929) against Debian's microsocks.
import { inspect } from 'node:util';
import { MaxRetryError, NewConnectionError } from '@urlpool/core';
import { type MicrosocksServer, startMicrosocks, startSocksServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Origins, startOrigins } from './helpers/origins.ts';
import { rejection } from './helpers/rejection.ts';

// A password with every character that needs percent-encoding in a URL's userinfo.
const USER = 'ü ser@x';
const PASSWORD = 'p@ss:w/rd%#?';
const enc = encodeURIComponent;

let origins: Origins;
let microsocks: MicrosocksServer;

beforeAll(async () => {
  [origins, microsocks] = await Promise.all([
    startOrigins(),
    startMicrosocks({ username: USER, password: PASSWORD }),
  ]);
});
afterEach(() => origins.clearManagers());
afterAll(async () => {
  await Promise.all([origins?.close(), microsocks?.close()]);
});

function get(proxyUrl: string, options = {}): Promise<unknown> {
  return origins
    .manager(proxyUrl, { retries: false, ...options })
    .request('GET', `${origins.http.url}/get`);
}

describe('SOCKS5 username/password', () => {
  it('takes percent-encoded credentials from the URL', async () => {
    const r = await origins
      .manager(microsocks.url('socks5h', `${enc(USER)}:${enc(PASSWORD)}`))
      .request('GET', `${origins.http.url}/get`);
    expect(r.status).toBe(200);
  });

  it('takes username/password options, which replace the URL credentials', async () => {
    const plain = origins.manager(microsocks.url('socks5'), { username: USER, password: PASSWORD });
    expect((await plain.request('GET', `${origins.http.url}/get`)).status).toBe(200);
    const override = origins.manager(microsocks.url('socks5', 'wrong:wrong'), {
      username: USER,
      password: PASSWORD,
    });
    expect(
      (await override.request('GET', `https://localhost:${origins.https.port}/get`)).status,
    ).toBe(200);
  });

  it('a wrong password fails with NewConnectionError naming the reply, and no credentials anywhere', async () => {
    const secret = 'n0t-the-Passw0rd';
    const error = await rejection(get(microsocks.url('socks5', `${enc(USER)}:${secret}`)));
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error.message).toMatch(
      new RegExp(
        `^Failed to establish a new connection to 127\\.0\\.0\\.1:${origins.http.port} through the SOCKS5 proxy 127\\.0\\.0\\.1:${microsocks.port}: authentication failed`,
      ),
    );
    const everything = inspect(error, { depth: 10, showHidden: true });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(USER);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('with retries, the auth failure is the MaxRetryError reason', async () => {
    const error = await rejection(get(microsocks.url('socks5', 'x:y'), { retries: 1 }));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(NewConnectionError);
    expect(error.message).toMatch(/authentication failed/);
    expect(error.message).not.toContain(':y');
  });

  it('no credentials for a proxy that requires them: "requires authentication"', async () => {
    const error = await rejection(get(microsocks.url('socks5')));
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error.message).toMatch(
      /no acceptable authentication method: the proxy requires authentication/,
    );
  });
});

describe('SOCKS4 user ids', () => {
  it('sends the URL username as the user id, and a refused id is a named SOCKS4 reply', async () => {
    await using socks = await startSocksServer({ auth: { username: 'alice', password: 'unused' } });
    const ok = await origins
      .manager(socks.url('socks4a', 'alice'))
      .request('GET', `${origins.http.url}/get`);
    expect(ok.status).toBe(200);
    expect(socks.requests[0]).toMatchObject({ version: 4, username: 'alice' });
    const error = await rejection(get(socks.url('socks4', 'mallory')));
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error.message).toMatch(/different user-ids \(SOCKS4 reply 93\)$/);
  });
});
