import {
  type Dispatch,
  type DispatchRequest,
  formatAuthority,
  resolveTimeout,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import { fetchOnce } from './fetch-attempt.ts';
import type { ResolvedFetchManagerOptions } from './fetch-manager-options.ts';
import { toFetchBody, toFetchHeaders } from './request-init.ts';

/** The absolute URL of a request: default ports left out, IPv6 hosts in brackets. */
export function requestUrl(request: DispatchRequest): string {
  return `${request.scheme}://${formatAuthority(request.host, request.port, request.scheme)}${request.path}`;
}

/**
 * The fetch dispatch: sends one request with the runtime's `fetch` (see `fetchOnce`) and
 * resolves its `HTTPResponse`, body unread. Redirects and retries are core's interceptors
 * around it, the same ones pools and PoolManager use. Headers arrive with the manager's
 * defaults already applied (`undefined`: none).
 */
export function createFetchDispatch(
  manager: unknown,
  resolved: ResolvedFetchManagerOptions,
): Dispatch<HTTPResponse> {
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
