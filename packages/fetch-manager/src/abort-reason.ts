/**
 * The error an aborted request rejects with: the signal's reason when it is an Error (a
 * DOMException `AbortError` or `TimeoutError` from `AbortSignal.timeout()`), otherwise an
 * Error named `AbortError` that quotes the reason (`controller.abort('stop')`).
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  // DOMException is not an Error subclass in every runtime.
  if (typeof DOMException === 'function' && reason instanceof DOMException) {
    return reason as unknown as Error;
  }
  const error = new Error(
    reason === undefined ? 'The operation was aborted' : `Aborted: ${String(reason)}`,
  );
  error.name = 'AbortError';
  return error;
}
