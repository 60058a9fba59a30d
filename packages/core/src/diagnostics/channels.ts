import { channel } from '#platform/diagnostics-channel';
import type { DispatchRequest } from '../dispatch/dispatch.ts';
import type { ConnectTimings } from '../transport/connector.ts';

// urlpool's request lifecycle on node:diagnostics_channel. Publishers check `hasSubscribers`
// before building a message or reading a clock, so nobody pays for what nobody watches.

type Channel = ReturnType<typeof channel>;

/** Time spent in each phase of one attempt, in ms (performance.now() differences). */
export interface RequestTimings {
  /** Waiting for a connection of the pool (a free slot or an idle connection). */
  readonly queued: number;
  /** Name resolution, when a new connection resolved a host name. */
  readonly dns?: number | undefined;
  /** TCP connect (after DNS), when a new connection was opened. */
  readonly connect?: number | undefined;
  /** TLS handshake, when a new TLS connection was opened. */
  readonly tls?: number | undefined;
  /** From the request handed to the connection to its response head. */
  readonly firstByte?: number | undefined;
  /** From the response head to the end of the body (in `urlpool:request:end`). */
  readonly body?: number | undefined;
  /** From `urlpool:request:create` to this event. */
  readonly total: number;
}

/** `urlpool:request:create`: an attempt starts (every retry and redirect is a new one). */
export interface RequestCreateMessage {
  readonly request: DispatchRequest;
  /** The pool (or other dispatcher) sending it. */
  readonly pool: unknown;
}

/** `urlpool:request:headers`: the response head of an attempt arrived. */
export interface RequestHeadersMessage {
  readonly request: DispatchRequest;
  readonly pool: unknown;
  /** The `HTTPResponse` (body not read yet). */
  readonly response: { readonly status: number };
  readonly timings: RequestTimings;
}

/**
 * `urlpool:request:end`: the response gave its connection back (its body was read to the end,
 * or the caller released or closed it early: `complete` says which). A decoded body is
 * reported once decoding ended: one that fails after its last raw byte (a gzip trailer cut
 * short) publishes `urlpool:request:error` instead.
 */
export interface RequestEndMessage {
  readonly request: DispatchRequest;
  readonly pool: unknown;
  readonly response: { readonly status: number };
  /** True when the whole body was received. */
  readonly complete: boolean;
  readonly timings: RequestTimings;
}

/**
 * `urlpool:request:error`: an attempt failed, before its response head or while its body was
 * read (read timeout, IncompleteRead, reset, decode error, abort: then instead of
 * `urlpool:request:end`). Published once per attempt.
 */
export interface RequestErrorMessage {
  readonly request: DispatchRequest;
  readonly pool: unknown;
  readonly error: Error;
  /** The `HTTPResponse` whose body failed; undefined when the head never arrived. */
  readonly response?: { readonly status: number } | undefined;
  /** With `body` (from the head to the failure) when the body failed. */
  readonly timings: RequestTimings;
}

/** `urlpool:connection:connect`: a pool asks its connector for a new connection. */
export interface ConnectionConnectMessage {
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  readonly pool: unknown;
}

/** `urlpool:connection:connected`: the connector resolved a socket. */
export interface ConnectionConnectedMessage extends ConnectionConnectMessage {
  /** The ALPN protocol the connector negotiated, or null. */
  readonly alpnProtocol: string | null;
  /** The connector's own phase timings (urlpool's TCP and TLS connectors fill them). */
  readonly timings: ConnectTimings & { readonly total: number };
}

/** `urlpool:connection:error`: the connector failed (its error, as the request will see it). */
export interface ConnectionErrorMessage extends ConnectionConnectMessage {
  readonly error: Error;
}

/** `urlpool:request:create`; message {@link RequestCreateMessage}. */
export const requestCreateChannel: Channel = channel('urlpool:request:create');
/** `urlpool:request:headers`; message {@link RequestHeadersMessage}. */
export const requestHeadersChannel: Channel = channel('urlpool:request:headers');
/** `urlpool:request:end`; message {@link RequestEndMessage}. */
export const requestEndChannel: Channel = channel('urlpool:request:end');
/** `urlpool:request:error`; message {@link RequestErrorMessage}. */
export const requestErrorChannel: Channel = channel('urlpool:request:error');
/** `urlpool:connection:connect`; message {@link ConnectionConnectMessage}. */
export const connectionConnectChannel: Channel = channel('urlpool:connection:connect');
/** `urlpool:connection:connected`; message {@link ConnectionConnectedMessage}. */
export const connectionConnectedChannel: Channel = channel('urlpool:connection:connected');
/** `urlpool:connection:error`; message {@link ConnectionErrorMessage}. */
export const connectionErrorChannel: Channel = channel('urlpool:connection:error');

/** True when someone listens to any request channel: only then are attempts traced. */
export function isRequestTraced(): boolean {
  return (
    requestCreateChannel.hasSubscribers ||
    requestHeadersChannel.hasSubscribers ||
    requestEndChannel.hasSubscribers ||
    requestErrorChannel.hasSubscribers
  );
}
