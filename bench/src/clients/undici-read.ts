/** Shared by undici's Pool and Agent rows: connect options and reading a `request` response. */
import { createGunzip } from 'node:zlib';
import type { Dispatcher } from 'undici7';
import type { RequestSpec } from '../types.ts';
import { bodyLength } from './body-length.ts';
import { expect200 } from './check.ts';

/** `connect` options for an https scenario (the bench CA), or none. */
export function undiciConnect(spec: RequestSpec): { connect?: { ca: string } } {
  return spec.tls === null ? {} : { connect: { ca: spec.tls.ca } };
}

/**
 * Checks the status and returns the body length. undici's `request` does not decode gzip: the
 * body is piped through zlib's streaming gunzip, which is what a user of undici.request writes,
 * and the decoded chunks are collected into one Buffer, as every other client's gzip row holds
 * the whole decoded body (urlpool's `.data`, node:http, fetch, axios, got, the floor).
 */
export async function undiciBodyLength(
  client: string,
  res: Dispatcher.ResponseData,
  spec: RequestSpec,
): Promise<number> {
  expect200(client, res.statusCode);
  if (spec.gzip) return bodyLength(res.body.pipe(createGunzip()), true);
  if (spec.stream) return bodyLength(res.body, false);
  return (await res.body.bytes()).length;
}
