import type { HTTPResponse } from '@urlpool/response-streams';

/** The response status line and header lines as received (names in their original case). */
export function responseHeadLines(response: HTTPResponse): string[] {
  const lines = [`${response.versionString} ${response.status} ${response.reason}`.trimEnd()];
  const pairs = response.headers.rawPairs();
  for (let i = 0; i + 1 < pairs.length; i += 2) lines.push(`${pairs[i]}: ${pairs[i + 1]}`);
  return lines;
}

/** `-i`: the head as curl prints it, CRLF-terminated, with the empty line. */
export function renderIncludedHead(response: HTTPResponse): string {
  return `${responseHeadLines(response).join('\r\n')}\r\n\r\n`;
}
