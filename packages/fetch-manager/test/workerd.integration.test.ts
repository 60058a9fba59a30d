import { bundle, startWorkerd } from '@urlpool/runtime-harness';
import { describeRuntimeCases } from './runtimes/describe-runtime.ts';

// The behaviour cases inside Cloudflare's workerd (the binary miniflare ships), in a worker
// bundled from the package sources with no node: modules and no nodejs_compat, against the
// loopback test server.
describeRuntimeCases('FetchManager in workerd', async () => {
  const script = await bundle(
    { file: new URL('./runtimes/worker-entry.ts', import.meta.url).pathname },
    'workerd',
  );
  const worker = await startWorkerd(script.code);
  return { run: (query) => worker.fetch(`http://worker.test/run?${query}`), close: worker.close };
});
