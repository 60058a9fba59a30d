import { runCase } from './run-case.ts';

/**
 * The Cloudflare Worker the workerd tests run: `GET /run?case=NAME&base=URL&refused=URL` runs one behaviour
 * case inside workerd (its fetch, timers, streams; no node: modules) and answers its result.
 */
export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const name = url.searchParams.get('case') ?? '';
    const base = url.searchParams.get('base') ?? '';
    const refused = url.searchParams.get('refused') ?? '';
    return Response.json(await runCase(name, { base, refused }));
  },
};
