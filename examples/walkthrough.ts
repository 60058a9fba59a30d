import { generateTestCertificates, startTestServer } from '@urlpool/test-server';
import { ALL_EXAMPLES } from './all-examples.ts';
import type { HttpsFixture } from './example-context.ts';

/** Starts the local server, runs every example in order, stops the server. */
export async function walkthrough(verbose: boolean): Promise<void> {
  const server = await startTestServer({ recordRequests: false });
  const log = verbose ? (line: string) => console.log(`  ${line}`) : () => {};
  let failed = 0;
  let httpsFixture: Promise<HttpsFixture> | undefined;
  const https = (): Promise<HttpsFixture> => {
    httpsFixture ??= generateTestCertificates().then(async (certs) => ({
      certs,
      server: await startTestServer({
        recordRequests: false,
        tls: { key: certs.server.key, cert: certs.server.cert },
      }),
    }));
    return httpsFixture;
  };
  try {
    if (verbose) console.log(`Local test server on ${server.url}\n`);
    for (const example of ALL_EXAMPLES) {
      if (verbose) console.log(`== ${example.title} ==`);
      try {
        await example.run({ server, log, https, verbose });
        console.log(`ok: ${example.title}`);
      } catch (error) {
        failed++;
        console.error(`FAILED: ${example.title}\n`, error);
      }
      if (verbose) console.log('');
    }
  } finally {
    await server.close();
    await httpsFixture?.then(
      (fixture) => fixture.server.close(),
      () => {}, // a failed setup was already reported by the example that asked for it
    );
  }
  console.log(`${ALL_EXAMPLES.length - failed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}
