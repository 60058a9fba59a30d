import { HTTPHeaderDict } from './http-header-dict.ts';
import { supportedContentEncodings } from './supported-encodings.ts';

/** Options of {@link makeHeaders}; each one left out (or falsy) adds nothing. */
export interface MakeHeadersOptions {
  /** Add `Connection: keep-alive`. @default false */
  readonly keepAlive?: boolean | undefined;
  /**
   * `Accept-Encoding`: `true` lists every coding this runtime can decode
   * (`supportedContentEncodings()` of `@urlpool/core`; the `urlpool` package's `makeHeaders` lists what `@urlpool/decoders` can decode), a string is sent as is, an array is joined with `,`.
   * @default undefined (no header)
   */
  readonly acceptEncoding?: boolean | string | readonly string[] | undefined;
  /** `User-Agent` value. @default undefined (no header) */
  readonly userAgent?: string | undefined;
  /**
   * `'username:password'` for `Authorization: Basic`, encoded as Latin-1 (urllib3); a character
   * beyond U+00FF throws `TypeError`. @default undefined
   */
  readonly basicAuth?: string | undefined;
  /** `'username:password'` for `Proxy-Authorization: Basic` (Latin-1, as `basicAuth`). @default undefined */
  readonly proxyBasicAuth?: string | undefined;
  /** Add `Cache-Control: no-cache`. @default false */
  readonly disableCache?: boolean | undefined;
}

/**
 * Builds common request headers (urllib3's `make_headers`).
 *
 * @example
 * ```ts
 * const headers = makeHeaders({ keepAlive: true, userAgent: 'batman/1.0' });
 * headers.get('connection'); // 'keep-alive'
 * makeHeaders({ basicAuth: 'user:pass' }).get('authorization'); // 'Basic dXNlcjpwYXNz'
 * makeHeaders({ acceptEncoding: true }).get('accept-encoding'); // 'gzip,deflate,br[,zstd]'
 * ```
 */
export function makeHeaders(options: MakeHeadersOptions = {}): HTTPHeaderDict {
  const headers = new HTTPHeaderDict();
  const { acceptEncoding } = options;
  if (acceptEncoding) {
    const value =
      typeof acceptEncoding === 'string'
        ? acceptEncoding
        : Array.isArray(acceptEncoding)
          ? acceptEncoding.join(',')
          : supportedContentEncodings().join(',');
    headers.set('Accept-Encoding', value);
  }
  if (options.userAgent) headers.set('User-Agent', options.userAgent);
  if (options.keepAlive) headers.set('Connection', 'keep-alive');
  if (options.basicAuth) {
    headers.set('Authorization', `Basic ${base64(options.basicAuth, 'basicAuth')}`);
  }
  if (options.proxyBasicAuth) {
    headers.set('Proxy-Authorization', `Basic ${base64(options.proxyBasicAuth, 'proxyBasicAuth')}`);
  }
  if (options.disableCache) headers.set('Cache-Control', 'no-cache');
  return headers;
}

/**
 * Base64 of Basic credentials encoded as Latin-1, as urllib3 does (it raises
 * UnicodeEncodeError beyond Latin-1). Silently switching to UTF-8 would send bytes the server
 * may decode differently, so a character beyond U+00FF throws; the message names the option
 * and position, never the credentials.
 */
function base64(credentials: string, option: string): string {
  const bad = credentials.search(/[^\u0000-\u00ff]/);
  if (bad !== -1) {
    throw new TypeError(
      `makeHeaders: ${option} has a character beyond Latin-1 at index ${bad}; Basic credentials ` +
        'are encoded as Latin-1 (as urllib3 does). For UTF-8 credentials (RFC 7617 charset=UTF-8) ' +
        "set the header yourself: 'Basic ' + Buffer.from(credentials, 'utf8').toString('base64').",
    );
  }
  // btoa encodes a string of code points 0-255 as those bytes: Latin-1, in every runtime.
  return btoa(credentials);
}
