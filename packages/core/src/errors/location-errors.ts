import { brandErrorClass, HTTPError } from './http-error.ts';

/** A URL or host value is unusable (urllib3's `LocationValueError`). */
export class LocationValueError extends HTTPError {
  static {
    brandErrorClass(LocationValueError, 'LocationValueError', 'URLPOOL_ERR_LOCATION_VALUE');
  }
}

/** A URL could not be parsed. */
export class LocationParseError extends LocationValueError {
  /** The input that failed to parse. */
  readonly location: string;

  constructor(location: string, detail?: string) {
    super(`Failed to parse: ${location}${detail === undefined ? '' : ` (${detail})`}`);
    this.location = location;
  }

  static {
    brandErrorClass(LocationParseError, 'LocationParseError', 'URLPOOL_ERR_LOCATION_PARSE');
  }
}

/** The URL scheme is not one urlpool can request. */
export class URLSchemeUnknown extends LocationParseError {
  /** The unsupported scheme. */
  readonly scheme: string;

  constructor(scheme: string) {
    super(scheme, `Not supported URL scheme ${scheme}`);
    this.message = `Not supported URL scheme ${scheme}`;
    this.scheme = scheme;
  }

  static {
    brandErrorClass(URLSchemeUnknown, 'URLSchemeUnknown', 'URLPOOL_ERR_URL_SCHEME_UNKNOWN');
  }
}

/**
 * The proxy URL scheme is not one urlpool supports. As in urllib3, `null` and `'localhost'` mean
 * the URL had no scheme (`localhost:3128` parses with the scheme `localhost`).
 */
export class ProxySchemeUnknown extends URLSchemeUnknown {
  constructor(scheme: string | null) {
    const missing = scheme === null || scheme === 'localhost';
    super(missing ? 'None' : scheme);
    this.message = missing
      ? 'Proxy URL had no scheme, should start with http:// or https://'
      : `Proxy URL had unsupported scheme ${scheme}, should use http:// or https://`;
  }

  static {
    brandErrorClass(ProxySchemeUnknown, 'ProxySchemeUnknown', 'URLPOOL_ERR_PROXY_SCHEME_UNKNOWN');
  }
}
