import { type PreparedBody, type ProgressListener, withUploadProgress } from '@urlpool/core';

// One reporting body per prepared body: a PoolManager sends the same PreparedBody through
// several pools (cross-host redirects), and the body's sent/replay bookkeeping is by identity.
const reporting = new WeakMap<PreparedBody, PreparedBody>();

/** `body`, reporting to `listener` as it is sent when there is one. */
export function uploadProgressBody(
  body: PreparedBody,
  listener: ProgressListener | undefined,
): PreparedBody {
  if (listener === undefined || body.type === 'empty') return body;
  let wrapped = reporting.get(body);
  if (wrapped === undefined) {
    wrapped = withUploadProgress(body, listener);
    reporting.set(body, wrapped);
  }
  return wrapped;
}
