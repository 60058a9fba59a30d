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
  /** `'username:password'` for `Authorization: Basic`. @default undefined */
  readonly basicAuth?: string | undefined;
  /** `'username:password'` for `Proxy-Authorization: Basic`. @default undefined */
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
  if (options.basicAuth) headers.set('Authorization', `Basic ${base64(options.basicAuth)}`);
  if (options.proxyBasicAuth) {
    headers.set('Proxy-Authorization', `Basic ${base64(options.proxyBasicAuth)}`);
  }
  if (options.disableCache) headers.set('Cache-Control', 'no-cache');
  return headers;
}

/**
 * Base64 of Basic credentials. urllib3 encodes them as Latin-1; characters beyond Latin-1 are
 * encoded as UTF-8 instead of failing (RFC 7617 §2.1 allows UTF-8).
 */
function base64(credentials: string): string {
  const latin1 = !/[^\u0000-\u00ff]/.test(credentials);
  return Buffer.from(credentials, latin1 ? 'latin1' : 'utf8').toString('base64');
}
