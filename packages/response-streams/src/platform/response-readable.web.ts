import type { BodyState } from '../body-state.ts';

/**
 * `toReadable()` makes a Node `Readable`, which exists only on Node. Elsewhere (browsers,
 * workers) read the body with `toWebStream()`, `stream()` or `for await`.
 */
export class ResponseReadable {
  constructor(_state: BodyState, _amt: number, _decode: boolean) {
    throw new TypeError(
      'toReadable() returns a Node stream and needs node:stream; in this runtime use ' +
        'response.toWebStream(), response.stream() or for await (const chunk of response).',
    );
  }
}
