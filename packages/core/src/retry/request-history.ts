/**
 * One entry of {@link Retry.history}: what happened on an attempt that led to a retry or a
 * redirect (urllib3's `RequestHistory`). Absent values are `null`.
 */
export interface RequestHistory {
  /** The request method of the attempt. */
  readonly method: string | null;
  /** The URL of the attempt. */
  readonly url: string | null;
  /** The error the attempt failed with, if it failed with one. */
  readonly error: Error | null;
  /** The response status, for a redirect or an error status. */
  readonly status: number | null;
  /** The `Location` the response redirected to, for a redirect. */
  readonly redirectLocation: string | null;
}
