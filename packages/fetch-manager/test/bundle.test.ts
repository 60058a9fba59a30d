import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundle } from '@urlpool/runtime-harness';
import { describe, expect, it } from 'vitest';

describe('browser bundle', () => {
  it('bundles `import { FetchManager }` for platform browser with no node built-ins', async () => {
    const { code, inputs } = await bundle(
      {
        contents:
          "import { FetchManager } from '@urlpool/fetch-manager';\n" +
          'export const http = new FetchManager();\n',
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      },
      'browser',
      { minify: true },
    );
    expect(
      inputs.filter((input) => input.startsWith('node:') || input.includes('(disabled)')),
    ).toEqual([]);
    expect(code).not.toMatch(/\bBuffer\./);
    expect(code).not.toMatch(/\bprocess\.emitWarning\b/);
    const gzip = gzipSync(code).length;
    console.log(
      `fetch-manager browser bundle: ${(code.length / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(1)} KiB min+gzip, ${inputs.length} modules`,
    );
    // A budget, so that a heavy import creeping into the graph is noticed.
    expect(gzip).toBeLessThan(40 * 1024);
  });
});
