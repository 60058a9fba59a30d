import type { TestServer } from '@urlpool/test-server';

/** What every example gets: a running local server and a way to narrate. */
export interface ExampleContext {
  /** The local httpbin-like server (http://127.0.0.1:PORT). */
  readonly server: TestServer;
  /** Prints a line of the walkthrough (silent in CI runs). */
  readonly log: (line: string) => void;
}

/** One guide section as a runnable example. */
export interface Example {
  /** The section title in urllib3's "Advanced Usage" guide. */
  readonly title: string;
  /** Runs the section's code; throws if something does not behave as the guide says. */
  run(context: ExampleContext): Promise<void>;
}
