// The module of the "Google App Engine" example for workerd and Deno: a Cloudflare Worker, and
// what `deno serve` and Deno Deploy take (a default export with a fetch handler).
import { handle } from './restricted-runtimes-handler.ts';

export default { fetch: handle };
