import { locationParseError } from './location-error.ts';

const BAD_TARGET_RE = /[\x00-\x20\x7f]/;

/**
 * Throws `LocationParseError` when a request target (the path-and-query written on the request
 * line, or an absolute URL for proxies) contains a space, CR, LF, NUL or another control
 * character: any of them would split or corrupt the request line. Also rejects an empty target.
 */
export function validateRequestTarget(target: string): void {
  if (target === '') throw locationParseError(target, 'the request target is empty');
  const bad = target.search(BAD_TARGET_RE);
  if (bad !== -1) {
    const code = target.charCodeAt(bad);
    const what =
      code === 13
        ? 'a carriage return (CR)'
        : code === 10
          ? 'a line feed (LF)'
          : code === 0
            ? 'a NUL byte'
            : code === 32
              ? 'a space'
              : 'a control character';
    throw locationParseError(
      target,
      `the request target contains ${what} at index ${bad}; percent-encode it (parseUrl does this for http and https URLs)`,
    );
  }
}
