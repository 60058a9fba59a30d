/**
 * Give this as the value of `Host`, `User-Agent` or `Accept-Encoding` to stop urlpool from
 * adding that header by default (urllib3's `SKIP_HEADER`). Any other header rejects it.
 */
export const SKIP_HEADER: '@@@SKIP_HEADER@@@' = '@@@SKIP_HEADER@@@';

/** Lowercased names of the default headers {@link SKIP_HEADER} can suppress. */
export const SKIPPABLE_HEADERS: ReadonlySet<string> = new Set([
  'accept-encoding',
  'host',
  'user-agent',
]);
