import { EdgeRuntime } from 'edge-runtime';

/** A script running in Vercel's Edge Runtime. */
export interface EdgeFunction {
  /** Sends a request to the script's `fetch` event listener. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

/**
 * Evaluates `script` (a classic script, already bundled as an IIFE, that calls
 * `addEventListener('fetch', …)`) in Vercel's Edge Runtime: the `edge-runtime` package, the
 * VM that `vercel dev` and `next dev` run edge functions in, with only the Web APIs of the
 * edge (no `process` or `Buffer`; code generation from strings disabled).
 */
export function startEdgeRuntime(script: string): EdgeFunction {
  const runtime = new EdgeRuntime({ initialCode: script });
  return {
    async fetch(url, init) {
      const response = await runtime.dispatchFetch(url, init as never);
      await response.waitUntil();
      return response as unknown as Response;
    },
  };
}
