import { HTTPConnectionPool, type HTTPConnectionPoolOptions } from '@urlpool/pool';
import { TLS_OPTION_NAMES } from '@urlpool/tls-config';

const TLS_NAMES: ReadonlySet<string> = new Set(TLS_OPTION_NAMES);

/**
 * The pool of `https://` targets forwarded through an `https://` proxy
 * (`useForwardingForHttps`): its scheme is https, so requests carry `https://host/path`
 * targets and https default ports, but it runs no TLS of its own. TLS is to the proxy, in the
 * connector; the proxy speaks TLS to the origin. The manager's TLS options are for origins,
 * which this pool never reaches itself, so they are dropped (urllib3 does the same).
 */
export class ForwardedHTTPSConnectionPool extends HTTPConnectionPool {
  constructor(host: string, options: HTTPConnectionPoolOptions = {}) {
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      if (!TLS_NAMES.has(key)) rest[key] = value;
    }
    super(host, { ...rest, port: options.port ?? 443 });
  }

  /** 'https'. */
  override get scheme(): string {
    return 'https';
  }
}
