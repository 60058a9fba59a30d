import { brotliEncoding } from './brotli-encoding.ts';
import { certificateValidation } from './certificate-validation.ts';
import { clientCertificates } from './client-certificates.ts';
import { commandLine } from './command-line.ts';
import { customSniHostname } from './custom-sni-hostname.ts';
import { customTlsCertificates } from './custom-tls-certificates.ts';
import { customTransport } from './custom-transport.ts';
import { customizingPoolBehavior } from './customizing-pool-behavior.ts';
import { decryptingTlsSessions } from './decrypting-tls-sessions.ts';
import type { Example } from './example-context.ts';
import { proxies } from './proxies.ts';
import { restrictedRuntimes } from './restricted-runtimes.ts';
import { socksProxies } from './socks-proxies.ts';
import { streamingAndIo } from './streaming-and-io.ts';
import { tlsWarnings } from './tls-warnings.ts';

/** Every guide section, in the guide's order, then the sections beyond the guide. */
export const ALL_EXAMPLES: readonly Example[] = [
  customizingPoolBehavior,
  streamingAndIo,
  proxies,
  socksProxies,
  customTlsCertificates,
  customSniHostname,
  clientCertificates,
  certificateValidation,
  tlsWarnings,
  restrictedRuntimes,
  brotliEncoding,
  decryptingTlsSessions,
  customTransport,
  commandLine,
];
