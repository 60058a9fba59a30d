import type { ChunkSource, RawBodyReader } from '@urlpool/core';

/** What RawInput needs of its body state (BodyState implements it; no import cycle). */
export interface RawInputSource {
  /** The raw tail left by an undecoded partial read, once; null when there is none. */
  takeRawTail(): Buffer | null;
  /** Called with each raw chunk handed to the decoder (null = raw end); returns it. */
  noteRaw(chunk: Buffer | null): Buffer | null;
  /** True once the raw body ended. */
  readonly rawEnded: boolean;
  /** The raw reader; null once released. */
  readonly raw: RawBodyReader | null;
}

/**
 * The decoder's input: the raw tail left by an earlier undecoded partial read, then the raw
 * reader's chunks. Reports the raw end to the body state so the connection can be released as
 * soon as the last raw byte arrived, even while decoded output is still buffered.
 */
export class RawInput implements ChunkSource {
  readonly #state: RawInputSource;
  // Bound once per body, not per chunk: the async path would otherwise allocate a closure
  // for every chunk it waits for.
  readonly #note: (chunk: Buffer | null) => Buffer | null;

  constructor(state: RawInputSource) {
    this.#state = state;
    this.#note = (chunk) => state.noteRaw(chunk);
  }

  next(): Promise<Buffer | null> {
    const state = this.#state;
    const tail = state.takeRawTail();
    if (tail !== null) return Promise.resolve(tail);
    if (state.rawEnded) return Promise.resolve(null);
    const raw = state.raw!;
    const chunk = raw.tryNext();
    if (chunk !== undefined) return Promise.resolve(state.noteRaw(chunk));
    return raw.next().then(this.#note);
  }

  destroy(error?: Error): void {
    this.#state.raw?.destroy(error);
  }
}
