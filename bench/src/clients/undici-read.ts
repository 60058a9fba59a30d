/** Shared by undici's Pool and Agent rows: connect options and reading a `request` response. */
import { createGunzip } from 'node:zlib';
import type { Dispatcher } from 'undici7';
import type { RequestSpec } from '../types.ts';
import { expect200 } from './check.ts';

async function countStream(iterable: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  for await (const chunk of iterable) n += chunk.length;
  return n;
}

/** `connect` options for an https scenario (the bench CA), or none. */
export function undiciConnect(spec: RequestSpec): { connect?: { ca: string } } {
  return spec.tls === null ? {} : { connect: { ca: spec.tls.ca } };
}

/**
 * Checks the status and returns the body length. undici's `request` does not decode gzip: the
 * body is piped through zlib's streaming gunzip, which is what a user of undici.request writes.
 */
export async function undiciBodyLength(
  client: string,
  res: Dispatcher.ResponseData,
  spec: RequestSpec,
): Promise<number> {
  expect200(client, res.statusCode);
  if (spec.gzip) return countStream(res.body.pipe(createGunzip()));
  if (spec.stream) return countStream(res.body);
  return (await res.body.bytes()).length;
}
