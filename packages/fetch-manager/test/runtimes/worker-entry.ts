import { respondToRun } from './run-case.ts';

/**
 * The module the workerd and Deno tests run (a Cloudflare Worker, and what `deno serve` and
 * Deno Deploy take): `GET /run?case=NAME&base=URL&refused=URL` runs one behaviour case inside
 * the runtime (its fetch, timers, streams; no node: modules) and answers its result.
 */
export default {
  fetch: (request: Request): Promise<Response> => respondToRun(request),
};
