import {
  type ConnectedSocket,
  type Connector,
  type ConnectRequest,
  ConnectTimeoutError,
  connectionConnectedChannel,
  formatHost,
} from '@urlpool/core';
import type { ResolvedTlsOptions } from '@urlpool/tls-config';
import { type TlsSessionCache, tlsHandshake } from './tls-handshake.ts';

/**
 * Wraps a connector with TLS: asks `inner` for a connected socket (TCP, or a proxy tunnel),
 * then runs the TLS handshake over it with the resolved options and urllib3's checks.
 *
 * - `request.timeout` bounds the whole attempt (DNS + TCP + TLS): the handshake gets what the
 *   inner connector left, and `ConnectTimeoutError` names the host and timeout.
 * - `request.signal` aborts at any stage; SNI is sent unless the host is an IP literal.
 * - Certificate chain failures, name mismatches and fingerprint mismatches reject with
 *   `SSLError` (`certificate verify failed: …`, `… doesn't match …`,
 *   `Fingerprints did not match. Expected "…", got "…"`), the Node error as `cause`.
 * - An unverified connection (`certReqs: 'CERT_NONE'` without a fingerprint pin) emits
 *   `InsecureRequestWarning` once per host per process.
 * - The last TLS session per host and port is kept and offered for resumption.
 * - With `SSLKEYLOGFILE` set (when the options were resolved), TLS secrets are appended to it.
 * - Every failure destroys the socket.
 *
 * @example
 * ```ts
 * const connect = createTlsConnector(resolveTlsOptions({ caCerts: 'ca.pem' }), createTcpConnector());
 * const { socket, alpnProtocol } = await connect({ host: 'localhost', port: 8443, timeout: 5000, signal: undefined,
 *   sourceAddress: undefined, socketOptions: { noDelay: true, keepAlive: false } });
 * ```
 */
export function createTlsConnector(tls: ResolvedTlsOptions, inner: Connector): Connector {
  const sessions: TlsSessionCache = new Map();
  return async function connectTls(request: ConnectRequest): Promise<ConnectedSocket> {
    const started = request.timeout === undefined ? 0 : performance.now();
    const inside = await inner(request);
    const raw = inside.socket;
    let remaining: number | undefined;
    if (request.timeout !== undefined) {
      remaining = request.timeout - (performance.now() - started);
      if (remaining <= 0) {
        raw.destroy();
        throw new ConnectTimeoutError(
          `Connection to ${formatHost(request.host)}:${request.port} timed out. ` +
            `(connect timeout=${request.timeout}ms)`,
        );
      }
    }
    const traced = connectionConnectedChannel.hasSubscribers;
    const handshakeStarted = traced ? performance.now() : 0;
    const socket = await tlsHandshake(tls, raw, request, remaining, sessions);
    // Node reports `false` when the server picked no protocol.
    const alpnProtocol = socket.alpnProtocol || null;
    if (!traced) return { socket, alpnProtocol };
    const tlsTime = performance.now() - handshakeStarted;
    return { socket, alpnProtocol, timings: { ...inside.timings, tls: tlsTime } };
  };
}
