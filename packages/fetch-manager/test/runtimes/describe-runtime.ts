import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../behaviour/cases.ts';
import { refusedUrl } from './refused-url.ts';
import type { CaseResult } from './run-case.ts';

/** A runtime that answers `/run?…` (see run-case.ts's respondToRun). */
export interface CaseRuntime {
  /** Fetches `/run?<query>` from the runtime's handler. */
  run(query: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Runs every behaviour case inside one runtime: starts the loopback test server and the
 * runtime once, then asks the runtime to run each case by name.
 */
export function describeRuntimeCases(
  title: string,
  start: () => Promise<CaseRuntime>,
  options: { skip?: boolean } = {},
): void {
  describe.skipIf(options.skip === true)(title, () => {
    let server: TestServer;
    let runtime: CaseRuntime | undefined;
    let refused: string;

    beforeAll(async () => {
      server = await startTestServer();
      refused = await refusedUrl();
      runtime = await start();
    }, 60_000);

    afterAll(async () => {
      await runtime?.close();
      await server?.close();
    });

    for (const name of Object.keys(cases)) {
      it(name, async () => {
        const query = new URLSearchParams({ case: name, base: server.url, refused }).toString();
        const result = (await (await runtime!.run(query)).json()) as CaseResult;
        if (!result.ok) throw new Error(`${result.name}: ${result.message}\n${result.stack}`);
        expect(result.ok).toBe(true);
      });
    }
  });
}
