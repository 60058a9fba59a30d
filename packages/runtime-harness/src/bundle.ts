import { build, type Metafile } from 'esbuild';

/**
 * Where a bundle will run: a browser page, Cloudflare's workerd, Deno (Deno Deploy) or Vercel's
 * Edge Runtime (`edge-light`, a classic script: the edge VM evaluates scripts, not modules).
 */
export type BundleTarget = 'browser' | 'workerd' | 'deno' | 'edge-light';

/** A bundle and what went into it. */
export interface Bundle {
  readonly code: string;
  readonly inputs: readonly string[];
}

const CONDITIONS: Record<BundleTarget, string[]> = {
  // What wrangler and browser bundlers resolve with; `@urlpool/source` maps workspace
  // packages to their TypeScript sources (as in every other test).
  browser: ['@urlpool/source', 'browser'],
  workerd: ['@urlpool/source', 'workerd', 'worker', 'browser'],
  deno: ['@urlpool/source', 'deno', 'worker', 'browser'],
  'edge-light': ['@urlpool/source', 'edge-light', 'worker', 'browser'],
};

/**
 * Bundles `entry` (a file, or source text whose imports resolve from `resolveDir`) for a
 * runtime without node: modules. esbuild fails on any `node:` import or Node built-in that
 * reaches the graph, so a passing bundle proves the import graph is node-free.
 *
 * @example
 * ```ts
 * const { code } = await bundle({ file: 'worker.ts' }, 'workerd');
 * ```
 */
export async function bundle(
  entry: { file: string } | { contents: string; resolveDir: string },
  target: BundleTarget,
  options: { minify?: boolean } = {},
): Promise<Bundle> {
  const result = await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'ts' } }),
    bundle: true,
    write: false,
    format: target === 'edge-light' ? 'iife' : 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: CONDITIONS[target],
    minify: options.minify ?? false,
    metafile: true,
    logLevel: 'silent',
  });
  const meta: Metafile = result.metafile;
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(meta.inputs) };
}
