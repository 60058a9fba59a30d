import { brandErrorClass, HTTPError } from '../errors/http-error.ts';

/**
 * A {@link Timeout} was used in a state that does not allow the call (urllib3's
 * `TimeoutStateError`): its connect timer was started twice, or read before it started.
 */
export class TimeoutStateError extends HTTPError {
  static {
    brandErrorClass(TimeoutStateError, 'TimeoutStateError', 'URLPOOL_ERR_TIMEOUT_STATE');
  }
}
