import { HTTPResponse, type HTTPResponseOptions } from '../../src/index.ts';
import {
  FakeRawReader,
  type FakeRawReaderOptions,
  FakeRelease,
  type FakeStep,
} from './fake-raw-reader.ts';

/** What {@link makeResponse} returns: the response and the fakes behind it. */
export interface FakeResponse {
  r: HTTPResponse;
  raw: FakeRawReader;
  release: FakeRelease;
  connection: object;
}

/** Builds an HTTPResponse over a {@link FakeRawReader} playing `steps`. */
export function makeResponse(
  steps: Iterable<FakeStep>,
  options: Partial<HTTPResponseOptions> = {},
  readerOptions: FakeRawReaderOptions = {},
): FakeResponse {
  const raw = new FakeRawReader(steps, readerOptions);
  const release = new FakeRelease(raw);
  const connection = { id: 'fake-connection' };
  const r = new HTTPResponse({
    status: 200,
    reason: 'OK',
    raw,
    release,
    connection,
    ...options,
  });
  return { r, raw, release, connection };
}
