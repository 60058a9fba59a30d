import { type Connector, ConnectTimeoutError, NewConnectionError, SSLError } from '@urlpool/core';
import { resolveTlsOptions } from '@urlpool/tls-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTcpConnector } from '../src/tcp-connector.ts';
import { createTlsConnector } from '../src/tls-connector.ts';
import { connectRequest, rejectionOf, startSilentServer } from './tls-fixtures.ts';

let silent: Awaited<ReturnType<typeof startSilentServer>>;
let reset: Awaited<ReturnType<typeof startSilentServer>>;
beforeAll(async () => {
  silent = await startSilentServer('silent');
  reset = await startSilentServer('reset');
});
afterAll(async () => {
  await Promise.all([silent.close(), reset.close()]);
});

const tls = (): Connector => createTlsConnector(resolveTlsOptions({}), createTcpConnector());

describe('TLS connector failures', () => {
  it('times out a handshake the server never answers, naming host and timeout', async () => {
    const error = await rejectionOf(
      tls()(connectRequest('127.0.0.1', silent.port, { timeout: 150 })),
    );
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toContain(`127.0.0.1:${silent.port}`);
    expect(error.message).toContain('connect timeout=150ms');
  });

  it('counts the inner connect against the same budget', async () => {
    const slowInner: Connector = async (request) => {
      const socket = await createTcpConnector()(request);
      await new Promise((resolve) => setTimeout(resolve, 120));
      return socket;
    };
    const connect = createTlsConnector(resolveTlsOptions({}), slowInner);
    const error = await rejectionOf(
      connect(connectRequest('127.0.0.1', silent.port, { timeout: 100 })),
    );
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toContain('connect timeout=100ms');
  });

  it('rejects with the abort reason when the signal fires mid-handshake', async () => {
    const controller = new AbortController();
    const pending = tls()(connectRequest('127.0.0.1', silent.port, { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('stop now')), 50);
    const error = await rejectionOf(pending);
    expect(error.message).toBe('stop now');
  });

  it('rejects at once for an already aborted signal', async () => {
    const reason = new Error('already');
    const error = await rejectionOf(
      tls()(connectRequest('127.0.0.1', silent.port, { signal: AbortSignal.abort(reason) })),
    );
    expect(error).toBe(reason);
  });

  it('maps a connection closed during the handshake to SSLError naming the host', async () => {
    const error = await rejectionOf(tls()(connectRequest('localhost', reset.port)));
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toMatch(/^TLS handshake failed: /);
    expect(error.message).toContain(`localhost:${reset.port}`);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('passes inner connector errors through unchanged', async () => {
    const port = silent.port;
    await silent.close();
    silent = await startSilentServer('silent');
    const error = await rejectionOf(tls()(connectRequest('127.0.0.1', port)));
    expect(error).toBeInstanceOf(NewConnectionError);
  });
});
