import type { FormFieldSpec } from './form-field.ts';

/** The request body the command line asked for (files are read when the request is built). */
export type BodySpec =
  | {
      /** `-d`: strings and `@file` / `@-` contents, joined with `&` as curl does. */
      readonly kind: 'data';
      readonly parts: readonly string[];
    }
  | {
      /** `--json`: a JSON text or `@file` / `@-`, sent as is. */
      readonly kind: 'json';
      readonly parts: readonly string[];
    }
  | {
      /** `-F`: multipart/form-data fields. */
      readonly kind: 'form';
      readonly fields: readonly FormFieldSpec[];
    };

/** TLS options, named as the library's `TlsOptions`. */
export interface CliTlsOptions {
  readonly caCerts?: string;
  readonly caCertDir?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly keyPassword?: string;
  readonly certReqs?: 'CERT_NONE';
  readonly assertHostname?: false;
  readonly assertFingerprint?: string;
  readonly sslMinimumVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  readonly sslMaximumVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  readonly ciphers?: string;
  readonly useSystemCa?: boolean;
}

/** The command line, validated and normalised once (see `parseCliArgs`). */
export interface ResolvedCliOptions {
  /** Upper-case method: given, else POST with a body, HEAD with `-I`, else GET. */
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: BodySpec | null;
  /** `-o`: a path, `-` for stdout, or null (stdout). */
  readonly output: string | null;
  /** `-i`: the response head before the body. */
  readonly include: boolean;
  /** `-v`: heads, timings and TLS details on stderr. */
  readonly verbose: boolean;
  /** `-s`: no progress bar, no error message. */
  readonly silent: boolean;
  /** `-S` with `-s`: error messages anyway. */
  readonly showError: boolean;
  /** `--fail`: exit 22 on HTTP >= 400 (without writing the body). */
  readonly fail: boolean;
  /** `-L`: follow redirects. */
  readonly followRedirects: boolean;
  /** `--max-redirs`. */
  readonly maxRedirects: number;
  /** `--retries`: retries on connection and read errors (and --retry-status statuses). */
  readonly retries: number;
  /** `--retry-status`: statuses that are retried. */
  readonly retryStatuses: readonly number[];
  /** `--retry-backoff` in ms. */
  readonly retryBackoff: number;
  /** Timeout in ms per phase; undefined: no limit. */
  readonly timeout: {
    readonly connect?: number;
    readonly read?: number;
    readonly total?: number;
  };
  /** `--max-size` in bytes (the library's `maxDecodedSize`). */
  readonly maxSize: number | undefined;
  /** `--raw`: do not decode Content-Encoding. */
  readonly raw: boolean;
  /** `--compressed`: ask for compressed bodies (and decode them). */
  readonly compressed: boolean;
  /** `--proxy` URL. */
  readonly proxy: string | undefined;
  /** `--proxy-header` lines, sent to the proxy only. */
  readonly proxyHeaders: readonly (readonly [string, string])[];
  /** TLS to an https:// proxy: `--proxy-cacert`, `--proxy-insecure`, `--proxy-pin`. */
  readonly proxyTls: {
    readonly caCerts: string | undefined;
    readonly insecure: boolean;
    readonly fingerprint: string | undefined;
  };
  /** `--noproxy`: overrides `no_proxy` for the environment's proxies; `*` ignores them. */
  readonly noProxy: string | undefined;
  /** `--no-progress`: never draw the bar. */
  readonly noProgress: boolean;
  readonly tls: CliTlsOptions;
}
