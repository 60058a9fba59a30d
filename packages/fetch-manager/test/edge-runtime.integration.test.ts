import { bundle, startEdgeRuntime } from '@urlpool/runtime-harness';
import { describeRuntimeCases } from './runtimes/describe-runtime.ts';

// The behaviour cases inside Vercel's Edge Runtime (the edge-runtime package's VM, what
// `vercel dev` and `next dev` run edge functions in): a script bundled from the package
// sources with the `edge-light` condition and no node: modules, against the loopback server.
describeRuntimeCases('FetchManager in the Vercel Edge Runtime', async () => {
  const script = await bundle(
    { file: new URL('./runtimes/edge-entry.ts', import.meta.url).pathname },
    'edge-light',
  );
  const edge = startEdgeRuntime(script.code);
  return {
    run: (query) => edge.fetch(`http://edge.test/run?${query}`),
    close: async () => {},
  };
});
