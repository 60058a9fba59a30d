import {
  encodeInvalidChars,
  PATH_CHARS,
  QUERY_CHARS,
  removeDotSegments,
  USERINFO_CHARS,
} from './encode-invalid-chars.ts';
import { REG_NAME_RE } from './ip-patterns.ts';
import { locationParseError } from './location-error.ts';
import { normalizeHost } from './normalize-host.ts';
import { Url } from './url.ts';
import { type UrlInput, urlToString } from './url-input.ts';

// urllib3's _SCHEME_RE: does the input start with "scheme:" or "/"? Otherwise it is treated as
// "//" + input, so "example.com:8080/x" parses as a host and port, not as a scheme.
const SCHEME_RE = /^(?:[a-zA-Z][a-zA-Z0-9+-]*:|\/)/;
// RFC 3986 appendix B, as urllib3's _URI_RE: scheme, authority, path, query, fragment.
const URI_RE =
  /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^\\/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
const PORT_RE = /^[0-9]*$/;
// Whitespace and control characters can never be part of a host; CR/LF would even let a
// host inject header lines into the Host header.
const BAD_HOST_CHAR_RE = /[\x00-\x20\x7f]/;

/**
 * Parses `url` leniently, like urllib3's `parse_url`: the scheme is optional (`'example.com/x'`
 * has host `example.com`), scheme and host are lowercased, IPv6 literals keep their brackets in
 * `host`, internationalised host names become punycode, and for http, https and scheme-less URLs
 * invalid characters in userinfo, path, query and fragment are percent-encoded and `.`/`..`
 * path segments removed. A WHATWG `URL` is parsed from its `href`. An empty string (or, as
 * urllib3's `parse_url(None)`, `null`) gives a `Url` with every part `null`.
 *
 * Throws `LocationParseError` (saying what was wrong) for a port that is not a number from 0 to
 * 65535, an invalid IPv6 literal, a host with whitespace or control characters (raw or
 * percent-encoded), or a host that is not a valid (IDNA2008) name; `LocationValueError` for a
 * value that is neither a string nor a URL.
 *
 * @example
 * ```ts
 * const u = parseUrl('HTTP://Example.com:8080/a b?x=1#frag');
 * u.scheme;     // 'http'
 * u.host;       // 'example.com'
 * u.port;       // 8080
 * u.requestUri; // '/a%20b?x=1'
 * ```
 */
export function parseUrl(input: UrlInput): Url {
  const url = urlToString(input);
  if (url === '') return new Url();
  const match = URI_RE.exec(SCHEME_RE.test(url) ? url : `//${url}`);
  // The regex can match any string; kept as a guard should that ever change.
  if (match === null) throw locationParseError(url, 'not a URL');
  let scheme = match[1] ?? null;
  const authority = match[2];
  let path: string | null = match[3] ?? null;
  let query: string | null = match[4] ?? null;
  let fragment: string | null = match[5] ?? null;
  if (scheme !== null) scheme = scheme.toLowerCase();
  const normalize = scheme === null || scheme === 'http' || scheme === 'https';

  let auth: string | null = null;
  let host: string | null = null;
  let port: number | null = null;
  if (authority) {
    const at = authority.lastIndexOf('@');
    let hostPort = authority;
    if (at !== -1) {
      auth = authority.slice(0, at) || null;
      hostPort = authority.slice(at + 1);
      if (auth !== null && normalize) auth = encodeInvalidChars(auth, USERINFO_CHARS);
    }
    let portText: string | null;
    if (hostPort.charCodeAt(0) === 91 /* [ */) {
      const close = hostPort.indexOf(']');
      if (close === -1) throw locationParseError(url, 'IPv6 address is missing its closing "]"');
      host = hostPort.slice(0, close + 1);
      const rest = hostPort.slice(close + 1);
      if (rest !== '' && rest.charCodeAt(0) !== 58 /* : */) {
        throw locationParseError(url, `unexpected ${JSON.stringify(rest)} after the IPv6 address`);
      }
      portText = rest === '' ? null : rest.slice(1);
    } else {
      const colon = hostPort.indexOf(':');
      host = colon === -1 ? hostPort : hostPort.slice(0, colon);
      portText = colon === -1 ? null : hostPort.slice(colon + 1);
      if (BAD_HOST_CHAR_RE.test(host)) {
        throw locationParseError(url, 'the host contains whitespace or a control character');
      }
      if (!REG_NAME_RE.test(host)) {
        throw locationParseError(
          url,
          `invalid host ${JSON.stringify(host)}: "[", "]" are only allowed around an IPv6 address and "%" only in %XX escapes`,
        );
      }
    }
    if (portText !== null && portText !== '') port = parsePort(portText, url);
    if (normalize && host !== '') host = normalizeHost(host, url);
  }

  if (normalize && path) path = encodeInvalidChars(removeDotSegments(path), PATH_CHARS);
  if (normalize && query) query = encodeInvalidChars(query, QUERY_CHARS);
  if (normalize && fragment) fragment = encodeInvalidChars(fragment, QUERY_CHARS);
  // urllib3 keeps an empty (not null) path when a query or fragment follows.
  if (!path) path = query !== null || fragment !== null ? '' : null;
  return new Url({ scheme, auth, host, port, path, query, fragment });
}

function parsePort(text: string, url: string): number {
  if (!PORT_RE.test(text)) {
    throw locationParseError(url, `port ${JSON.stringify(text)} is not a number`);
  }
  // Leading zeros are allowed (as urllib3 does); compare digits, not Number(), for huge inputs.
  const digits = text.replace(/^0+(?=.)/, '');
  const port = digits.length > 5 ? Number.POSITIVE_INFINITY : Number(digits);
  if (port > 65535) {
    throw locationParseError(url, `port ${text} is out of range 0-65535`);
  }
  return port;
}
