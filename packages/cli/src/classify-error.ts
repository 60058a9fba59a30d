import {
  ConnectTimeoutError,
  DecodeError,
  HTTPError,
  IncompleteRead,
  InvalidHeader,
  isTimeoutError,
  LocationParseError,
  LocationValueError,
  MaxRetryError,
  NameResolutionError,
  NewConnectionError,
  ProtocolError,
  ProxyError,
  ResponseError,
  SSLError,
  UnrewindableBodyError,
  URLSchemeUnknown,
} from '@urlpool/core';
import { CliError } from './cli-error.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';

/** What the CLI prints and exits with for a failed request. */
export interface ClassifiedError {
  /** curl's exit code for this kind of failure. */
  readonly exitCode: ExitCode;
  /** One line: what went wrong (urlpool's message, credentials already redacted by it). */
  readonly message: string;
  /** What to do about it, or null when the message says it all. */
  readonly hint: string | null;
}

/** The failure under wrappers: a MaxRetryError's reason, a ProxyError's cause. */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 8; depth++) {
    if (current instanceof MaxRetryError && current.reason !== null) current = current.reason;
    else break;
  }
  return current;
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

function errnoCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && !code.startsWith('URLPOOL_')) return code;
  }
  return undefined;
}

function classified(exitCode: ExitCode, message: string, hint: string | null): ClassifiedError {
  return { exitCode, message, hint };
}

function classifyTls(error: SSLError): ClassifiedError {
  const m = error.message;
  if (/Fingerprints did not match|Fingerprint of invalid/.test(m)) {
    return classified(
      EXIT_CODES.pinnedKey,
      m,
      'The certificate is not the one --pin names: check the fingerprint (sha256 hex, colons allowed).',
    );
  }
  if (/^(caCerts|caCertDir|caCertData)\b|CA certificate|\bca(Certs|CertDir)\b/.test(m)) {
    return classified(
      EXIT_CODES.caCertificate,
      m,
      'Check the --cacert / --capath path: it must hold PEM (or DER) CA certificates.',
    );
  }
  if (/certFile|keyFile|[Cc]lient (certificate|private key)|password is required/.test(m)) {
    return classified(
      EXIT_CODES.localCertificate,
      m,
      'Check --cert, --key and --pass: a PEM certificate, its key, and the key password if it is encrypted.',
    );
  }
  if (/certificate verify failed|[Hh]ostname|altnames|does not match/.test(m)) {
    return classified(
      EXIT_CODES.peerCertificate,
      m,
      'The server certificate is not trusted: pass its CA with --cacert FILE, pin it with --pin, or (never in production) skip verification with --insecure.',
    );
  }
  return classified(
    EXIT_CODES.tlsConnect,
    m,
    'The TLS handshake failed: check that the server speaks TLS on this port and supports the --tls-min version.',
  );
}

// NewConnectionError is a ConnectTimeoutError subclass (as in urllib3): test it first.
function classifyProxy(error: ProxyError): ClassifiedError {
  const cause = causeOf(error);
  if (cause instanceof NameResolutionError) {
    return classified(
      EXIT_CODES.couldNotResolveProxy,
      error.message,
      'Check the host name in --proxy.',
    );
  }
  if (cause instanceof NewConnectionError) {
    return classified(
      EXIT_CODES.couldNotConnect,
      error.message,
      'Nothing accepted the connection at the --proxy address: check its host and port.',
    );
  }
  if (isTimeoutError(cause)) {
    return classified(EXIT_CODES.timeout, error.message, 'The proxy did not answer in time.');
  }
  if (cause instanceof SSLError) return classifyTls(cause);
  return classified(
    EXIT_CODES.proxy,
    error.message,
    'The proxy refused the request: check the --proxy URL, its scheme and its credentials (user:password@).',
  );
}

/** What the run knows beyond the error: the proxy's host, when one is used. */
export interface ErrorContext {
  /** Host of `--proxy` (or the environment's proxy), lower case, without brackets. */
  readonly proxyHost?: string | undefined;
}

/**
 * Maps an error thrown by a request to curl's exit code and a message that says what to do.
 * Order matters: subclasses before their bases (NameResolutionError is a NewConnectionError,
 * which is a ConnectTimeoutError).
 */
export function classifyError(thrown: unknown, context: ErrorContext = {}): ClassifiedError {
  if (thrown instanceof CliError) return classified(thrown.exitCode, thrown.message, null);
  const error = innermost(thrown);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ProxyError) return classifyProxy(error);
  // A SOCKS proxy reports its own failures as connection errors (the tunnel is the transport).
  if (
    error instanceof NameResolutionError &&
    context.proxyHost !== undefined &&
    error.host.toLowerCase() === context.proxyHost
  ) {
    return classified(EXIT_CODES.couldNotResolveProxy, message, 'Check the host name in --proxy.');
  }
  if (error instanceof NewConnectionError && context.proxyHost !== undefined) {
    // "cannot reach the SOCKS5 proxy": no TCP connection to it; "through the SOCKS5 proxy:
    // <reason>": it answered and refused (authentication, ruleset, unreachable target).
    if (/cannot reach the .*proxy/i.test(message)) {
      return classified(
        EXIT_CODES.couldNotConnect,
        message,
        'Nothing accepted the connection at the --proxy address: check its host and port.',
      );
    }
    if (/through the .*proxy/i.test(message)) {
      return classified(
        EXIT_CODES.proxy,
        message,
        'The proxy refused: check the --proxy scheme and its user:password@ credentials.',
      );
    }
  }
  if (error instanceof NameResolutionError) {
    return classified(
      EXIT_CODES.couldNotResolveHost,
      message,
      'Check the host name in the URL (and your DNS).',
    );
  }
  if (error instanceof NewConnectionError) {
    return classified(
      EXIT_CODES.couldNotConnect,
      message,
      'Nothing accepted the connection: check the host and port, and that the server is running.',
    );
  }
  if (error instanceof ConnectTimeoutError || isTimeoutError(error)) {
    return classified(
      EXIT_CODES.timeout,
      message,
      'Raise --timeout (or --connect-timeout / --read-timeout), or check that the server is reachable.',
    );
  }
  if (error instanceof SSLError) return classifyTls(error);
  if (error instanceof URLSchemeUnknown) {
    return classified(
      EXIT_CODES.unsupportedProtocol,
      message,
      'Use an http:// or https:// URL (socks and http proxies go in --proxy).',
    );
  }
  if (error instanceof LocationParseError || error instanceof LocationValueError) {
    return classified(EXIT_CODES.badUrl, message, 'Check the URL: scheme://host[:port]/path.');
  }
  if (error instanceof ResponseError && /redirect/i.test(message)) {
    return classified(
      EXIT_CODES.tooManyRedirects,
      message,
      'Raise --max-redirs, or drop -L to see the redirect itself.',
    );
  }
  if (error instanceof DecodeError) {
    return /maxDecodedSize/.test(message)
      ? classified(
          EXIT_CODES.maxFileSize,
          message.replace(/maxDecodedSize/, '--max-size').split('; ')[0] ?? message,
          'Raise --max-size if a body this large is expected.',
        )
      : classified(
          EXIT_CODES.badContentEncoding,
          message,
          "Retry with --raw to save the body as sent, or without 'Accept-Encoding'.",
        );
  }
  if (error instanceof IncompleteRead) {
    return classified(
      EXIT_CODES.partialFile,
      message,
      'The server closed the connection before the whole body arrived; try again (--retries).',
    );
  }
  if (error instanceof ProtocolError) {
    const code = errnoCode(error);
    if (/closed|without (a )?response|no response|ended/i.test(message) && code !== 'ECONNRESET') {
      return classified(
        EXIT_CODES.emptyReply,
        message,
        'The server closed the connection without answering.',
      );
    }
    return classified(
      EXIT_CODES.receiveError,
      message,
      'The connection broke while receiving the response; try again (--retries).',
    );
  }
  if (error instanceof InvalidHeader) {
    return classified(
      EXIT_CODES.usage,
      message,
      "Header names are tokens and values printable: -H 'Name: value'.",
    );
  }
  if (error instanceof UnrewindableBodyError) {
    return classified(
      EXIT_CODES.readError,
      message,
      'A streamed body (-F name=@file, -d @-) cannot be sent twice: drop --retries or use -d @file.',
    );
  }
  if (error instanceof HTTPError) return classified(EXIT_CODES.receiveError, message, null);
  if (error instanceof TypeError) return classified(EXIT_CODES.usage, message, null);
  return classified(EXIT_CODES.receiveError, message, null);
}
