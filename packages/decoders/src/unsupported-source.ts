import type { ChunkSource } from '@urlpool/core';
import { decodeFailure } from './decode-error.ts';
import { DecoderSource } from './decoder-source.ts';

/** A stage for an unknown coding inside a stack: reading fails, naming the coding. */
export class UnsupportedSource extends DecoderSource {
  private readonly token: string;

  constructor(upstream: ChunkSource, label: string, token: string) {
    super(upstream, label);
    this.token = token;
  }

  protected produce(): Promise<Buffer | null> {
    return Promise.reject(
      decodeFailure(this.coding, new Error(`Unsupported content coding '${this.token}'.`)),
    );
  }

  protected tryProduce(): undefined {
    return undefined;
  }

  protected release(): void {}
}
