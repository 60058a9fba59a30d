import type { BodyState } from './body-state.ts';

/**
 * Chunk type of the web stream. Node Buffers always sit on a plain ArrayBuffer; saying so in
 * the type lets `.pipeThrough(new TextDecoderStream())` type-check (its writable side takes
 * `BufferSource`, which excludes SharedArrayBuffer-backed views).
 */
export type WebChunk = Uint8Array<ArrayBuffer>;

/**
 * A web `ReadableStream` over a response body. Pull-based with a high-water mark of 0: a chunk
 * is read from the connection only when the consumer asks for one. At the end the connection
 * is released; `cancel()` closes it.
 */
export function createResponseWebStream(
  state: BodyState,
  amt: number,
  decode: boolean,
): ReadableStream<WebChunk> {
  let controller: ReadableStreamDefaultController<WebChunk>;
  // One callback for the whole stream, not one per pull.
  const deliver = (chunk: Buffer | null): void => {
    if (chunk === null) {
      state.releaseConn();
      controller.close();
    } else {
      controller.enqueue(chunk as WebChunk);
    }
  };
  return new ReadableStream<WebChunk>(
    {
      start(c) {
        controller = c;
      },
      pull(): Promise<void> | undefined {
        const chunk = state.tryPull(amt, decode);
        if (chunk !== undefined) {
          deliver(chunk);
          return undefined;
        }
        return state.pull(amt, decode).then(deliver);
      },
      cancel() {
        if (state.finished) state.releaseConn();
        else state.close();
      },
    },
    { highWaterMark: 0 },
  );
}
