/**
 * Whether this code runs in a browser (a page or a web worker) rather than a server runtime
 * (Node, Deno, Bun, Cloudflare's workerd, Vercel Edge). Browsers differ in two ways that
 * matter here: `redirect: 'manual'` yields an opaque redirect (no status, no Location), so the
 * browser has to follow redirects itself; and a `User-Agent` request header is not a
 * CORS-safelisted header, so sending urlpool's would force a preflight on every request.
 *
 * One check for the whole package: a `document` (pages) or `importScripts` (dedicated, shared
 * and service workers). Server runtimes define neither.
 */
export function isBrowserRuntime(): boolean {
  const scope = globalThis as { document?: unknown; importScripts?: unknown };
  return typeof scope.document === 'object' || typeof scope.importScripts === 'function';
}
