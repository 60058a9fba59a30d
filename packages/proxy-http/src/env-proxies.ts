/** Environment variables as `process.env` has them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The proxy settings found in an environment; see {@link readProxyEnvironment}. */
export interface ProxyEnvironment {
  /** Proxy URL for `http://` targets, if any (`http_proxy`, `HTTP_PROXY`, else the ALL_PROXY one). */
  readonly http: string | undefined;
  /** Proxy URL for `https://` targets, if any (`https_proxy`, `HTTPS_PROXY`, else ALL_PROXY). */
  readonly https: string | undefined;
  /** The `NO_PROXY` list, if any. */
  readonly noProxy: string | undefined;
}

/**
 * Reads the proxy variables with curl's precedence: the lowercase name wins over the uppercase
 * one (`https_proxy` over `HTTPS_PROXY`, `no_proxy` over `NO_PROXY`, `all_proxy` over
 * `ALL_PROXY`), a scheme's own variable wins over `ALL_PROXY`, and an empty value counts as
 * unset. Beyond curl, `HTTP_PROXY` (uppercase) is honoured too, except under CGI
 * (`REQUEST_METHOD` set), where a client's `Proxy:` request header arrives as `HTTP_PROXY`
 * ("httpoxy", CVE-2016-5385): Python and Go refuse it there, and so does urlpool.
 */
export function readProxyEnvironment(env: Environment): ProxyEnvironment {
  const all = pick(env, 'all_proxy', 'ALL_PROXY');
  const cgi = nonEmpty(env.REQUEST_METHOD) !== undefined;
  const http = cgi ? nonEmpty(env.http_proxy) : pick(env, 'http_proxy', 'HTTP_PROXY');
  return {
    http: http ?? all,
    https: pick(env, 'https_proxy', 'HTTPS_PROXY') ?? all,
    noProxy: pick(env, 'no_proxy', 'NO_PROXY'),
  };
}

function pick(env: Environment, lower: string, upper: string): string | undefined {
  return nonEmpty(env[lower]) ?? nonEmpty(env[upper]);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * A proxy URL from the environment with its scheme: values without one (`127.0.0.1:3128`)
 * mean `http://`, as curl reads them.
 */
export function withProxyScheme(value: string): string {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`;
}
