/** Shared by the two urlpool adapters: request options for a spec, and reading the response. */
import type { HTTPResponse, RequestOptions } from 'urlpool';
import type { RequestSpec } from '../types.ts';
import { expect200, gzipHeaders } from './check.ts';

/** Request options every urlpool request of a scenario uses (built once). */
export function urlpoolRequestOptions(spec: RequestSpec): RequestOptions {
  const options: RequestOptions = {};
  if (spec.gzip) options.headers = gzipHeaders(true);
  if (spec.body !== null) options.body = spec.body;
  if (spec.stream) options.preloadContent = false;
  return options;
}

/** Checks the status and returns the body length: `.data`, or streamed and counted. */
export async function urlpoolBodyLength(
  client: string,
  res: HTTPResponse,
  stream: boolean,
): Promise<number> {
  expect200(client, res.status);
  if (!stream) return res.data.length;
  let n = 0;
  for await (const chunk of res.stream(65536)) n += chunk.length;
  res.releaseConn();
  return n;
}
