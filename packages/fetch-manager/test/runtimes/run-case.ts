import { type CaseContext, cases } from '../behaviour/cases.ts';

/** What a runtime reports for one behaviour case (JSON across the worker/page boundary). */
export interface CaseResult {
  readonly ok: boolean;
  readonly name?: string;
  readonly message?: string;
  readonly stack?: string;
}

/** Runs one behaviour case by name; never throws (the result says what failed). */
export async function runCase(name: string, context: CaseContext): Promise<CaseResult> {
  const run = cases[name];
  if (run === undefined) return { ok: false, name: 'Error', message: `no case named ${name}` };
  try {
    await run(context);
    return { ok: true };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      ok: false,
      name: String(e?.name ?? 'Error'),
      message: String(e?.message ?? error),
      stack: String(e?.stack ?? ''),
    };
  }
}

/**
 * Answers `GET /run?case=NAME&base=URL&refused=URL` with the JSON result of that case: the
 * request handler of every server-side runtime (workerd, Deno, Vercel's Edge Runtime).
 */
export async function respondToRun(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const result = await runCase(params.get('case') ?? '', {
    base: params.get('base') ?? '',
    refused: params.get('refused') ?? '',
  });
  return Response.json(result);
}
