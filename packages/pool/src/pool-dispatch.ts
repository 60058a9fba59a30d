import {
  abortError,
  assertBodyCanBeSent,
  assignErrorPool,
  type Connection,
  type ConnectionRequest,
  checkRequestFraming,
  type DispatchRequest,
  formatAuthority,
  isReplayableBody,
  isRequestTraced,
  markBodySent,
  type PreparedHeaders,
  ProtocolError,
  prepareHeaders,
  ReadTimeoutError,
  type RequestTargetForm,
  type Timeout,
  toOriginHost,
  withDownloadProgress,
} from '@urlpool/core';
import { HTTPResponse } from '@urlpool/response-streams';
import { AttemptDeadline } from './attempt-deadline.ts';
import { startAttemptTimeout } from './attempt-timeout.ts';
import { AttemptTrace } from './attempt-trace.ts';
import type { ConnectionSlots } from './connection-slots.ts';
import { type ConnectionHome, Lease } from './lease.ts';
import { uploadProgressBody } from './progress-body.ts';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/** What one attempt needs of its pool (the pool implements it; no import cycle). */
export interface DispatchHost extends ConnectionHome {
  readonly scheme: string;
  /** `host[:port]` as the Host header names the origin. */
  readonly hostHeader: string;
  readonly timeout: Timeout;
  readonly slots: ConnectionSlots;
  readonly defaultHeaders: PreparedHeaders;
  readonly targetForm: RequestTargetForm;
  numRequests: number;
  openConnection(
    timeout: number | undefined,
    signal: AbortSignal | undefined,
    trace: AttemptTrace | null,
  ): Promise<Connection>;
}

/**
 * One attempt, no retries or redirects (those are interceptors): a connection from the pool
 * (a new one is connected), the structured request handed to it and the response head read.
 * The Lease owns the connection and its slot from checkout until the response releases it,
 * and listens for the abort signal all that time. A stale keep-alive connection (it fails
 * before any response byte) is replaced without counting a retry.
 */
export function dispatchAttempt(
  pool: DispatchHost,
  request: DispatchRequest,
): Promise<HTTPResponse> {
  if (!isRequestTraced()) return sendAttempt(pool, request, null);
  const trace = new AttemptTrace(request, pool);
  return sendAttempt(pool, request, trace).catch((error: unknown) => {
    trace.error(error as Error);
    throw error;
  });
}

async function sendAttempt(
  pool: DispatchHost,
  request: DispatchRequest,
  trace: AttemptTrace | null,
): Promise<HTTPResponse> {
  const { signal, options } = request;
  // Applied here, per attempt, whichever dispatcher built the request (pool or manager, first
  // attempt, retry or redirect): one reporting body per prepared body, so the replay
  // bookkeeping below sees the same body on every attempt.
  const body = uploadProgressBody(request.body, options.onUploadProgress);
  assertBodyCanBeSent(body);
  const headers =
    request.headers === undefined ? pool.defaultHeaders : prepareHeaders(request.headers);
  // Refused before a connection is taken (the connection checks again as it renders).
  checkRequestFraming(headers, body, options.chunked ?? false);
  // A forwarding pool (absolute form, its connections go to a proxy) sends each request to
  // the request's own origin; an ordinary pool to its own (no per-request work). The
  // connection validates the authority as a Host value and encodes the target either way.
  const forwarding = pool.targetForm === 'absolute';
  const scheme = forwarding ? request.scheme : pool.scheme;
  const authority = forwarding
    ? formatAuthority(toOriginHost(request.host), request.port, scheme)
    : pool.hostHeader;
  // Stale keep-alive connections are replaced without spending a retry (bounded loop).
  for (let staleRetries = 0; ; staleRetries++) {
    // After a stale failure, a fresh connection: the other idle ones may be just as stale.
    const checkout = pool.slots.checkout(options.poolTimeout, signal, staleRetries > 0);
    const idle = checkout instanceof Promise ? await checkout : checkout;
    trace?.checkedOut();
    const timeout = startAttemptTimeout(pool.timeout, options.timeout);
    let connection: Connection;
    if (idle !== null) {
      connection = idle;
    } else {
      try {
        if (signal?.aborted) throw abortError(signal);
        connection = await pool.openConnection(timeout.connectTimeout, signal, trace);
      } catch (error) {
        pool.slots.releaseSlot();
        throw error;
      }
    }
    const lease = new Lease(pool, connection, signal);
    lease.trace = trace;
    try {
      // A custom connector may ignore the signal: never send on a lease the abort released.
      if (signal?.aborted) throw abortError(signal);
      const total = timeout.total;
      if (total !== undefined) {
        const left = total - timeout.getConnectDuration();
        lease.deadline = new AttemptDeadline(connection, lease, total, left, pool, request.path);
      }
      pool.numRequests++;
      markBodySent(body);
      const sent: ConnectionRequest = {
        method: request.method,
        scheme,
        authority,
        path: request.path,
        targetForm: pool.targetForm,
        headers,
        body,
        chunked: options.chunked ?? false,
        // Read after connecting: with a total timeout, what the connect left.
        readTimeout: timeout.readTimeout,
        enforceContentLength: options.enforceContentLength ?? true,
      };
      trace?.sent();
      const head = await connection.send(sent);
      const progress = options.onDownloadProgress;
      const response = new HTTPResponse({
        raw: progress === undefined ? head.body : withDownloadProgress(head.body, progress),
        status: head.status,
        reason: head.reason,
        version: toResponseVersion(head.version),
        headers: head.headers,
        requestMethod: request.method,
        requestUrl: request.path,
        url: `${scheme}://${authority}${request.path}`,
        retries: request.retries,
        connection,
        release: lease,
        decodeContent: options.decodeContent ?? true,
        // A body read to its end gives its connection back by itself, preloaded or streamed
        // (urllib3 releases when the body's file closes, whatever `release_conn` says).
        autoRelease: true,
        // A plain field, not a conditional spread: one object literal of one shape per request.
        maxDecodedSize: options.maxDecodedSize,
      });
      if (lease.deadline !== null) {
        Object.defineProperty(response, kDeadline, { value: lease.deadline, configurable: true });
      }
      trace?.headers(response, head.body);
      return response;
    } catch (error) {
      const responseStarted = connection.responseStarted;
      connection.close();
      lease.discard();
      if (error instanceof ReadTimeoutError) assignErrorPool(error, pool);
      if (
        idle !== null &&
        !responseStarted &&
        error instanceof ProtocolError &&
        IDEMPOTENT_METHODS.has(request.method) &&
        isReplayableBody(body) &&
        staleRetries < pool.slots.maxsize + 1 &&
        !signal?.aborted
      ) {
        continue;
      }
      throw error;
    }
  }
}

// A response's attempt deadline, under a registered symbol rather than in a module-level map:
// `settleAttempt` is also reached through `@urlpool/pool/internal`, and a registered key finds
// the deadline even where a build loads that entry as a second module instance (Node's
// dist/node bundles share one instance; a registered key does not depend on it).
const kDeadline: unique symbol = Symbol.for('urlpool.attemptDeadline') as never;

type WithDeadline = { [kDeadline]?: { clear(): void } };

/**
 * A request without `preloadContent` is settled once its head is returned to the caller: its
 * `Timeout.total` deadline ends there (it covers the head, and the body only when preloading;
 * a preloaded or drained body ends it by giving its connection back).
 */
export function settleAttempt(response: HTTPResponse): HTTPResponse {
  (response as WithDeadline)[kDeadline]?.clear();
  return response;
}

/** The connection's version number as HTTPResponse knows it (10, 11 or 20). */
function toResponseVersion(version: number): 10 | 11 | 20 {
  if (version === 11 || version === 10 || version === 20) return version;
  throw new ProtocolError(`Connection reported unsupported HTTP version ${version}`);
}
