/**
 * A request body normalised once at the boundary, ready for the connection to write.
 * - `empty`: no body.
 * - `bytes`: a string (written as UTF-8) or bytes with a known length; always replayable.
 * - `stream`: an iterable of chunks, written chunked unless `length` is known or the caller
 *   set Content-Length. `open()` returns the chunks for one attempt; calling it again rewinds
 *   the body when `replayable`, and throws `UnrewindableBodyError` otherwise. `contentType`
 *   is the Content-Type the body implies (a `FormData`'s multipart boundary, a `Blob`'s
 *   `type`): sent unless the caller's headers set one.
 */
export type PreparedBody =
  | { readonly type: 'empty' }
  | { readonly type: 'bytes'; readonly data: string | Buffer; readonly length: number }
  | {
      readonly type: 'stream';
      readonly length: number | null;
      readonly replayable: boolean;
      readonly contentType?: string | undefined;
      open(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
    };

/** The shared empty body. */
export const EMPTY_BODY: PreparedBody = { type: 'empty' };
