/**
 * What {@link Retry} needs of a response: its status, its headers and its redirect target.
 * `HTTPResponse` satisfies it; core does not depend on the response package.
 */
export interface RetryResponse {
  /** The response status code. */
  readonly status: number;
  /** Response headers; `get` is case-insensitive and returns null/undefined when absent. */
  readonly headers: { get(name: string): string | null | undefined };
  /**
   * The `Location` of a redirect response (301, 302, 303, 307, 308), `null` when a redirect
   * status has no `Location`, and `false` when the status is not a redirect.
   */
  getRedirectLocation(): string | false | null;
}
