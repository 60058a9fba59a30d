import { bundle, hasDeno, startDeno } from '@urlpool/runtime-harness';
import { describeRuntimeCases } from './runtimes/describe-runtime.ts';

// The behaviour cases inside Deno (the binary npm's @deno/linux-x64-glibc ships), served by
// `deno serve` as Deno Deploy serves a module: bundled from the package sources with no node:
// modules, network allowed to 127.0.0.1 only, against the loopback test server.
const available = hasDeno();
if (!available && process.env.CI === 'true') {
  throw new Error('Deno is missing: pnpm install adds @deno/linux-x64-glibc (Linux x64 only).');
}

describeRuntimeCases(
  'FetchManager in Deno',
  async () => {
    const script = await bundle(
      { file: new URL('./runtimes/worker-entry.ts', import.meta.url).pathname },
      'deno',
    );
    const deno = await startDeno(script.code);
    return { run: (query) => fetch(`${deno.url}/run?${query}`), close: deno.close };
  },
  { skip: !available },
);
