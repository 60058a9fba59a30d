import { Timeout, type UrlInput } from '@urlpool/core';
import type { RequestOptions } from '@urlpool/pool';
import { PoolManager } from '@urlpool/pool-manager';
import type { HTTPResponse } from '@urlpool/response-streams';

/** The default timeout of the top-level {@link request}, as in urllib3 (3 s). */
export const DEFAULT_REQUEST_TIMEOUT = 3000;

let sharedManager: PoolManager | null = null;

/** The PoolManager shared by top-level {@link request} calls, created on first use. */
export function getDefaultPoolManager(): PoolManager {
  sharedManager ??= new PoolManager();
  return sharedManager;
}

/**
 * Makes a request with a shared default PoolManager (urllib3's top-level `urllib3.request`).
 * Options are those of `PoolManager.request`; `timeout` defaults to 3000 ms here only.
 *
 * @example
 * ```ts
 * import { request } from 'urlpool';
 * const r = await request('GET', 'http://127.0.0.1:8080/get');
 * console.log(r.status, r.json());
 * ```
 */
export function request(
  method: string,
  url: UrlInput,
  options: RequestOptions = {},
): Promise<HTTPResponse> {
  const timeout = options.timeout === undefined ? DEFAULT_TIMEOUT : options.timeout;
  return getDefaultPoolManager().request(method, url, { ...options, timeout });
}

const DEFAULT_TIMEOUT: Timeout = new Timeout({
  connect: DEFAULT_REQUEST_TIMEOUT,
  read: DEFAULT_REQUEST_TIMEOUT,
});
