import { UnrewindableBodyError } from '../errors/protocol-errors.ts';
import type { PreparedBody } from '../prepared-body.ts';

// Bodies that were handed to a transport at least once. A WeakSet rather than a flag on the
// body: PreparedBody is a plain shared type, and managers pass the same body to other pools.
const sentBodies = new WeakSet<PreparedBody>();

/** True when the body can be written again: bytes, empty, or a rewindable stream. */
export function isReplayableBody(body: PreparedBody): boolean {
  return body.type !== 'stream' || body.replayable;
}

/**
 * Called by a dispatch before every attempt: a stream body that cannot be rewound and was
 * already sent once throws `UnrewindableBodyError` (urllib3's `rewind_body`) before anything
 * is connected or written, instead of sending an empty or partial body.
 */
export function assertBodyCanBeSent(body: PreparedBody): void {
  if (isReplayableBody(body) || !sentBodies.has(body)) return;
  throw new UnrewindableBodyError(
    'Unable to re-send the request body for this retry or redirect: it is a stream or ' +
      'iterator that was already sent and cannot be rewound. Pass the body as a string, a ' +
      'Buffer or an array of chunks to allow re-sending, or set retries: false and ' +
      'redirect: false for this request.',
  );
}

/** Records that the body is about to be written (see {@link assertBodyCanBeSent}). */
export function markBodySent(body: PreparedBody): void {
  if (body.type === 'stream' && !body.replayable) sentBodies.add(body);
}
