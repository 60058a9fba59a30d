/**
 * Minimal assertions for the behaviour cases: they run unchanged in Node, in workerd and in a
 * browser page, where vitest's `expect` is not available.
 */
export class CheckError extends Error {
  override name = 'CheckError';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckError(message);
}

export function equal(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckError(`${what}: expected ${e}, got ${a}`);
}

/** Awaits `promise`, which must reject; returns the error. */
export async function rejection(promise: Promise<unknown>, what: string): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    check(
      error instanceof Error || typeof error === 'object',
      `${what}: rejected with a non-error`,
    );
    return error as Error;
  }
  throw new CheckError(`${what}: expected a rejection, but it resolved`);
}
