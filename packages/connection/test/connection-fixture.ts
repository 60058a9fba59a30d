import {
  type ConnectionRequest,
  EMPTY_BODY,
  type HeadersInit,
  type PreparedBody,
  prepareHeaders,
  type RequestTargetForm,
} from '@urlpool/core';
import { connectTcp, HTTPConnection, type HTTPConnectionOptions } from '../src/index.ts';

/** An HTTPConnection on a fresh TCP socket to 127.0.0.1:`port`. */
export async function openConnection(
  port: number,
  options: HTTPConnectionOptions = {},
): Promise<HTTPConnection> {
  const { socket } = await connectTcp({
    host: '127.0.0.1',
    port,
    timeout: 2000,
    signal: undefined,
    sourceAddress: undefined,
    socketOptions: { noDelay: true, keepAlive: false },
  });
  return new HTTPConnection(socket, { host: '127.0.0.1', port }, options);
}

/** What a test may vary in a structured request. */
export interface RequestParts {
  readonly method?: string;
  readonly body?: PreparedBody;
  readonly headers?: HeadersInit;
  readonly chunked?: boolean;
  readonly readTimeout?: number | undefined;
  readonly authority?: string;
  readonly targetForm?: RequestTargetForm;
}

/** A structured request for `/t` with the given parts. */
export function structuredRequest(parts: RequestParts = {}): ConnectionRequest {
  return {
    method: parts.method ?? 'GET',
    scheme: 'http',
    authority: parts.authority ?? '127.0.0.1',
    path: '/t',
    targetForm: parts.targetForm ?? 'origin',
    headers: prepareHeaders(parts.headers),
    body: parts.body ?? EMPTY_BODY,
    chunked: parts.chunked ?? false,
    readTimeout: 'readTimeout' in parts ? parts.readTimeout : 2000,
    enforceContentLength: true,
  };
}
