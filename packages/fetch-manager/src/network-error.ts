import { NameResolutionError, NewConnectionError, ProtocolError } from '@urlpool/core';

/** Error codes (Node/undici, Deno, Bun) meaning the connection was never made: safe to retry. */
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NAME_RESOLUTION_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL']);

/**
 * Maps a failed `fetch()` (a `TypeError` in every runtime, with the runtime's own detail in
 * `cause` where there is one) to urlpool's error tree. Only causes that prove the request never
 * left (refused, unreachable, DNS) become `NewConnectionError` / `NameResolutionError`, which
 * Retry retries for any method. Everything else, including a browser's detail-free "Failed to
 * fetch", is a `ProtocolError` ("Connection aborted"): the server may have seen the request, so
 * Retry retries it only for idempotent methods.
 */
export function toNetworkError(error: unknown, url: string, manager: unknown): Error {
  const code = causeCode(error);
  const detail = describeError(error);
  if (code !== undefined && NAME_RESOLUTION_CODES.has(code)) {
    let host = url;
    try {
      host = new URL(url).hostname;
    } catch {}
    return new NameResolutionError(host, manager, asError(error));
  }
  if (code !== undefined && NOT_CONNECTED_CODES.has(code)) {
    return new NewConnectionError(manager, `Failed to establish a new connection: ${detail}`, {
      cause: error,
    });
  }
  return new ProtocolError(`Connection aborted: ${detail}`, { cause: error });
}

function causeCode(error: unknown): string | undefined {
  for (
    let e: unknown = error, depth = 0;
    e !== null && typeof e === 'object' && depth < 4;
    depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** An error's message, with its cause's message when that says more (undici's "fetch failed"). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && cause.message !== message) return `${message} (${cause.message})`;
  return message;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
