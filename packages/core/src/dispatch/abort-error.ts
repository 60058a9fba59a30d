/**
 * The signal's reason as an Error: the reason itself when it is one (a DOMException named
 * AbortError by default), else an Error named AbortError that quotes it (`abort('stop')`).
 */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(
    reason === undefined ? 'The operation was aborted' : `Aborted: ${String(reason)}`,
  );
  error.name = 'AbortError';
  return error;
}

/**
 * `done`, except that a rejection with the abort reason of `signal` that is not an Error
 * becomes {@link abortError}: whichever stage noticed the abort, callers get an Error.
 */
export function rejectWithAbortError<T>(
  done: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return done;
  return done.catch((error: unknown) => {
    throw signal.aborted && error === signal.reason ? abortError(signal) : error;
  });
}
