import type { Duplex } from 'node:stream';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { type ConnectRequest, ConnectTimeoutError, formatHost } from '@urlpool/core';
import {
  appendKeyLogLine,
  isIpLiteral,
  normalizeTlsHost,
  type ResolvedTlsOptions,
  toSslError,
  verifyTlsPeer,
} from '@urlpool/tls-config';
import { warnInsecureRequest } from '@urlpool/warnings';

// node:tls is loaded on first use (process.getBuiltinModule), not at import: node:tls and
// node:crypto cost ~6 ms of `import('urlpool')` and plain HTTP never needs them (issue 15).

/** TLS sessions a connector keeps for resumption: the last one per host, port and SNI name. */
export type TlsSessionCache = Map<string, Buffer>;

const noop = (): void => {};

/**
 * Runs the TLS handshake over `raw` (a connected TCP or tunnelled socket) and applies the
 * host-name and fingerprint checks. Resolves with the TLS socket; on any failure destroys both
 * sockets and rejects with `SSLError`, `ConnectTimeoutError` (after `timeout` ms) or the abort
 * reason of `request.signal`.
 */
export function tlsHandshake(
  tls: ResolvedTlsOptions,
  raw: Duplex,
  request: ConnectRequest,
  timeout: number | undefined,
  sessions: TlsSessionCache,
): Promise<TLSSocket> {
  const host = normalizeTlsHost(request.host);
  const { port, signal } = request;
  // RFC 6066 §3: SNI carries DNS names only, never IP literals (Node warns on those, DEP0123).
  const sniName = tls.serverHostname === undefined ? host : normalizeTlsHost(tls.serverHostname);
  const servername = isIpLiteral(sniName) ? undefined : sniName;
  const sessionKey = `${host}:${port}:${servername ?? ''}`;
  return new Promise<TLSSocket>((resolve, reject) => {
    if (signal?.aborted) {
      raw.destroy();
      reject(signal.reason);
      return;
    }
    const options: ConnectionOptions = { ...tls.connectOptions, socket: raw };
    if (servername !== undefined) options.servername = servername;
    const session = sessions.get(sessionKey);
    if (session !== undefined) options.session = session;
    const socket = process.getBuiltinModule('node:tls').connect(options);
    // Session tickets (TLS 1.3) and key log lines may arrive after the handshake, so these two
    // listeners stay for the socket's life. A session is cached only once the connection passed
    // its checks: resuming it skips them (see onSecure).
    let trusted = false;
    let pendingSession: Buffer | undefined;
    socket.on('session', (ticket: Buffer) => {
      if (trusted) sessions.set(sessionKey, ticket);
      else pendingSession = ticket;
    });
    const keyLogFile = tls.keyLogFile;
    if (keyLogFile !== undefined) {
      socket.on('keylog', (line: Buffer) => appendKeyLogLine(keyLogFile, line));
    }

    let timer: NodeJS.Timeout | undefined;
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      socket.off('secureConnect', onSecure);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown): void => {
      cleanup();
      // Late errors from the dying socket must not become unhandled 'error' events.
      socket.on('error', noop);
      socket.destroy();
      raw.destroy();
      reject(error);
    };
    const onSecure = (): void => {
      let verified: boolean;
      if (socket.isSessionReused()) {
        // Node reports no peer certificate on a resumed session. The session came from this
        // connector's cache, keyed by host, port and SNI name, and was cached only after its
        // handshake passed the same checks, so the peer's identity is already established.
        verified = tls.verify || tls.fingerprint !== undefined;
      } else {
        try {
          verified = verifyTlsPeer(tls, socket, host, port);
        } catch (error) {
          sessions.delete(sessionKey);
          fail(error);
          return;
        }
      }
      trusted = true;
      if (pendingSession !== undefined) sessions.set(sessionKey, pendingSession);
      cleanup();
      if (!verified) warnInsecureRequest(host);
      resolve(socket);
    };
    const onError = (error: Error): void => {
      sessions.delete(sessionKey);
      fail(toSslError(error, host, port));
    };
    const onClose = (): void => {
      fail(toSslError(new Error('connection closed during the TLS handshake'), host, port));
    };
    const onAbort = (): void => fail(signal!.reason);
    socket.once('secureConnect', onSecure);
    socket.on('error', onError);
    socket.once('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout !== undefined) {
      timer = setTimeout(() => {
        fail(
          new ConnectTimeoutError(
            `Connection to ${formatHost(host)}:${port} timed out during the TLS handshake. ` +
              `(connect timeout=${request.timeout}ms)`,
          ),
        );
      }, timeout);
    }
  });
}
