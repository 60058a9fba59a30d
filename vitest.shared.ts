import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Shared vitest settings: packages resolve each other to TypeScript source, one process per file. */
export default defineConfig({
  resolve: { conditions: ['@urlpool/source'] },
  ssr: { resolve: { conditions: ['@urlpool/source'] } },
  test: {
    pool: 'forks',
    isolate: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: [
      fileURLToPath(new URL('./scripts/expected-node.ts', import.meta.url)),
      fileURLToPath(new URL('./scripts/no-leaked-sockets.ts', import.meta.url)),
    ],
  },
});
