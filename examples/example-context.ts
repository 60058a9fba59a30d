import type { TestCertificates, TestServer } from '@urlpool/test-server';

/** What the TLS sections use: run-time test certificates and an HTTPS server signed by their CA. */
export interface HttpsFixture {
  /** A private CA plus server, client and self-signed certificates (files and PEM). */
  readonly certs: TestCertificates;
  /** The local server over HTTPS (https://127.0.0.1:PORT), certificate for localhost/127.0.0.1/::1. */
  readonly server: TestServer;
}

/** What every example gets: a running local server and a way to narrate. */
export interface ExampleContext {
  /** The local httpbin-like server (http://127.0.0.1:PORT). */
  readonly server: TestServer;
  /** Prints a line of the walkthrough (silent in CI runs). */
  readonly log: (line: string) => void;
  /** True in `pnpm demo` (narrated, on a terminal), false in `pnpm examples`. */
  readonly verbose: boolean;
  /** The HTTPS fixture, created on first call and closed after the last example. */
  readonly https: () => Promise<HttpsFixture>;
}

/** One guide section as a runnable example. */
export interface Example {
  /** The section title in urllib3's "Advanced Usage" guide. */
  readonly title: string;
  /** Runs the section's code; throws if something does not behave as the guide says. */
  run(context: ExampleContext): Promise<void>;
}
