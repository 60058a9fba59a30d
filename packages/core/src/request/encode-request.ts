import { type HeadersInit, HTTPHeaderDict } from '../headers/http-header-dict.ts';
import type { PreparedBody } from '../prepared-body.ts';
import { type UrlInput, urlToString } from '../url/url-input.ts';
import { hasFields } from './iter-fields.ts';
import { encodeMultipartFormdata } from './multipart.ts';
import { encodeMultipartStream, hasStreamingFields } from './multipart-stream.ts';
import { normalizeMethod } from './normalize-method.ts';
import { prepareBody, type RequestBody } from './prepare-body.ts';
import type { Fields } from './request-field.ts';
import { urlencode } from './urlencode.ts';

/** Options of {@link encodeRequest} (the body-related options of `request()`). */
export interface EncodeRequestOptions {
  /** Raw body. Exclusive with `json`, and with `fields` when the fields go into the body. */
  readonly body?: RequestBody | null | undefined;
  /**
   * Form fields: in the query string for GET, HEAD, DELETE and OPTIONS, otherwise the body
   * (multipart/form-data, or urlencoded with `encodeMultipart: false`). Empty fields are ignored.
   */
  readonly fields?: Fields | null | undefined;
  /**
   * A value sent as JSON (`JSON.stringify`), with `Content-Type: application/json` unless the
   * headers set one. `undefined` means no JSON body; `null` sends `null`.
   */
  readonly json?: unknown;
  /** Encode body fields as multipart/form-data rather than urlencoded. @default true */
  readonly encodeMultipart?: boolean | undefined;
  /** Multipart boundary. @default a random one ({@link chooseBoundary}) */
  readonly multipartBoundary?: string | undefined;
  /**
   * The effective request headers: the caller's, or the pool's defaults when the caller gave
   * none (urllib3 uses `self.headers` then). Never mutated.
   */
  readonly headers?: HeadersInit | null | undefined;
}

/** What {@link encodeRequest} produces for `urlopen`. */
export interface EncodedRequest {
  /** The uppercased, validated method. */
  readonly method: string;
  /** The URL, with GET-style fields appended to its query. */
  readonly url: string;
  /**
   * The headers, with a Content-Type added (to a copy) when the body needs one; undefined if
   * none were given or needed. When nothing was added this may be the caller's own
   * `HTTPHeaderDict`: copy it before changing it.
   */
  readonly headers: HTTPHeaderDict | undefined;
  /** The prepared body. */
  readonly body: PreparedBody;
}

// urllib3 RequestMethods._encode_url_methods.
const ENCODE_URL_METHODS: ReadonlySet<string> = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS']);

/**
 * Turns `request()`'s `body` / `fields` / `json` into a URL, headers and a prepared body, as
 * urllib3's `RequestMethods.request` does. Throws `TypeError` for `json` with `body` or `fields`,
 * for `fields` with `body` when both would be the body, and for unsupported values; throws
 * `InvalidMethodError` for a method that is not a token.
 *
 * @example
 * ```ts
 * encodeRequest('GET', 'http://h/search', { fields: { q: 'urlpool' } }).url;
 * // 'http://h/search?q=urlpool'
 * const { headers, body } = encodeRequest('POST', 'http://h/', { json: { a: 1 } });
 * headers?.get('content-type'); // 'application/json'
 * ```
 */
export function encodeRequest(
  method: string,
  input: UrlInput,
  options: EncodeRequestOptions = {},
): EncodedRequest {
  const upper = normalizeMethod(method);
  let url = urlToString(input);
  const { json, fields } = options;
  let body: RequestBody | null | undefined = options.body;
  const withFields = hasFields(fields);
  if (json !== undefined) {
    if (body != null) {
      throw new TypeError(
        "request got values for both 'body' and 'json'; they are mutually exclusive",
      );
    }
    if (withFields) {
      throw new TypeError(
        "request got values for both 'fields' and 'json'; they are mutually exclusive",
      );
    }
  }

  const given = options.headers;
  let headers: HTTPHeaderDict | undefined =
    given == null ? undefined : given instanceof HTTPHeaderDict ? given : new HTTPHeaderDict(given);
  // The caller's HTTPHeaderDict is copied before a Content-Type is added to it.
  const owned = headers !== given;

  let contentType: string | null = null;
  let prepared: PreparedBody | null = null;
  if (json !== undefined) {
    const text = JSON.stringify(json);
    if (text === undefined) {
      throw new TypeError(
        `The json value (${typeof json}) cannot be serialised: JSON.stringify returned undefined`,
      );
    }
    body = text;
    contentType = 'application/json';
  }

  if (withFields) {
    if (ENCODE_URL_METHODS.has(upper)) {
      url = appendQuery(url, urlencode(fields));
    } else {
      if (body != null) {
        throw new TypeError(
          "request got values for both 'fields' and 'body'; fields are sent as the body for " +
            `${upper}, so give only one`,
        );
      }
      if (options.encodeMultipart === false) {
        body = urlencode(fields);
        contentType = 'application/x-www-form-urlencoded';
      } else if (hasStreamingFields(fields)) {
        // Blobs and streams as file data: streamed, never read into memory here.
        const multipart = encodeMultipartStream(fields, options.multipartBoundary);
        prepared = multipart.body;
        contentType = multipart.contentType;
      } else {
        const multipart = encodeMultipartFormdata(fields, options.multipartBoundary);
        body = multipart.body;
        contentType = multipart.contentType;
      }
    }
  }

  prepared ??= prepareBody(body);
  // A FormData or Blob body implies its Content-Type, as with fetch.
  if (contentType === null && prepared.type === 'stream' && prepared.contentType !== undefined) {
    contentType = prepared.contentType;
  }
  if (contentType !== null && (headers === undefined || !headers.has('content-type'))) {
    headers = headers === undefined ? new HTTPHeaderDict() : owned ? headers : headers.copy();
    headers.set('Content-Type', contentType);
  }
  return { method: upper, url, headers, body: prepared };
}

/** Appends an encoded query to `url`, before any fragment, with `?` or `&` as needed. */
function appendQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const last = base.charCodeAt(base.length - 1);
  const separator = !base.includes('?') ? '?' : last === 63 || last === 38 ? '' : '&';
  return `${base}${separator}${query}${fragment}`;
}
