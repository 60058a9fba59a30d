import {
  DEFAULT_PORTS,
  type HeadersInit,
  type PreparedBody,
  type Retry,
  resolveTimeout,
  type TimeoutInput,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import { fetchOnce } from './fetch-attempt.ts';
import type { ResolvedFetchManagerOptions } from './fetch-manager-options.ts';
import { toFetchBody, toFetchHeaders } from './request-init.ts';

/** Per-request transport options the fetch dispatch applies (passed on unchanged by retries). */
export interface FetchDispatchOptions {
  readonly timeout?: TimeoutInput | null | undefined;
  readonly decodeContent?: boolean | undefined;
  readonly releaseConn?: boolean | undefined;
  readonly enforceContentLength?: boolean | undefined;
  readonly maxDecodedSize?: number | undefined;
}

/**
 * One request as the fetch dispatch sees it, resolved once (the shape pools and managers
 * dispatch): the same for the first attempt, every retry and every redirect.
 */
export interface FetchDispatchRequest {
  /** Upper-case method. */
  readonly method: string;
  /** `'http'` or `'https'`. */
  readonly scheme: string;
  /** Host (lowercase; IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  /** Origin-form target: `/path?query`. */
  readonly path: string;
  /** The headers to send (the manager's defaults already applied). */
  readonly headers: HeadersInit | undefined;
  readonly body: PreparedBody;
  readonly retries: Retry;
  readonly redirect: boolean;
  readonly preloadContent: boolean;
  readonly signal: AbortSignal | undefined;
  readonly options: FetchDispatchOptions;
}

/** The absolute URL of a request: default ports left out, IPv6 hosts in brackets. */
export function requestUrl(request: FetchDispatchRequest): string {
  const { scheme, host, port } = request;
  const authority = host.includes(':') ? `[${host}]` : host;
  return port === DEFAULT_PORTS[scheme]
    ? `${scheme}://${authority}${request.path}`
    : `${scheme}://${authority}:${port}${request.path}`;
}

/**
 * The fetch dispatch: sends one request with the runtime's `fetch` (see `fetchOnce`) and
 * resolves its `HTTPResponse`, body unread. Redirects and retries are the caller's.
 */
export function createFetchDispatch(
  manager: unknown,
  resolved: ResolvedFetchManagerOptions,
): (request: FetchDispatchRequest) => Promise<HTTPResponse> {
  return async (request) => {
    const { method, options } = request;
    const body = await toFetchBody(method, request.body);
    return fetchOnce(
      manager,
      resolved,
      {
        method,
        url: requestUrl(request),
        headers: toFetchHeaders(request.headers, body?.byteLength ?? 0, resolved.sendUserAgent),
        body,
      },
      {
        timeout: resolveTimeout(resolved.timeout, options.timeout),
        signal: request.signal,
        runtimeRedirects: request.redirect && resolved.redirectMode === 'follow',
        preloadContent: request.preloadContent,
        releaseConn: options.releaseConn ?? request.preloadContent,
        enforceContentLength: options.enforceContentLength ?? true,
        maxDecodedSize: options.maxDecodedSize,
        decodeContent: options.decodeContent ?? true,
        retries: request.retries,
      },
    );
  };
}
