import type { BodyState } from './body-state.ts';

/**
 * A web `ReadableStream` over a response body. Pull-based with a high-water mark of 0: a chunk
 * is read from the connection only when the consumer asks for one. At the end the connection
 * is released; `cancel()` closes it.
 */
export function createResponseWebStream(
  state: BodyState,
  amt: number,
  decode: boolean,
): ReadableStream<Uint8Array> {
  let controller: ReadableStreamDefaultController<Uint8Array>;
  // One callback for the whole stream, not one per pull.
  const deliver = (chunk: Buffer | null): void => {
    if (chunk === null) {
      state.releaseConn();
      controller.close();
    } else {
      controller.enqueue(chunk);
    }
  };
  return new ReadableStream<Uint8Array>(
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
