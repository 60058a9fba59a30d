import { createRequire } from 'node:module';
import { Readable, type Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import * as zlib from 'node:zlib';
// The bench package depends on the umbrella only; the decoders are imported from source.
import { createDecodingSource } from '@urlpool/decoders';
import type { ChunkSource } from '../../../packages/core/src/index.ts';
import type { Dataset } from './datasets.ts';

/** Decodes a dataset once and returns the decoded byte count. */
export type Runner = (dataset: Dataset) => Promise<number>;

function bareEngine(coding: string, chunkSize: number | undefined): Transform | null {
  const options = chunkSize === undefined ? {} : { chunkSize };
  switch (coding) {
    case 'gzip':
      return zlib.createGunzip(options);
    case 'deflate':
      return zlib.createInflate(options);
    case 'br':
      return zlib.createBrotliDecompress(options);
    case 'zstd': {
      const create = (zlib as unknown as Record<string, (o: object) => Transform>)
        .createZstdDecompress;
      return create === undefined ? null : create(options);
    }
    default:
      throw new Error(`unknown coding ${coding}`);
  }
}

async function bareStream(dataset: Dataset, chunkSize: number | undefined): Promise<number> {
  const engine = bareEngine(dataset.coding, chunkSize);
  if (engine === null) return bareFzstd(dataset);
  let total = 0;
  await pipeline(
    Readable.from(dataset.chunks),
    engine,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        total += chunk.length;
        callback();
      },
    }),
  );
  return total;
}

/** The part of fzstd's API the baseline uses (its types live with @urlpool/decoders). */
interface FzstdModule {
  Decompress: new (
    ondata: (data: Uint8Array, final?: boolean) => void,
  ) => { push(chunk: Uint8Array, final?: boolean): void };
}

/** zstd on a runtime without native zstd: fzstd's Decompress driven directly. */
async function bareFzstd(dataset: Dataset): Promise<number> {
  // fzstd is a dependency of @urlpool/decoders, not of the bench: resolve it from there.
  const decodersRequire = createRequire(
    new URL('../../../packages/decoders/package.json', import.meta.url),
  );
  const { Decompress } = (await import(
    pathToFileURL(decodersRequire.resolve('fzstd')).href
  )) as FzstdModule;
  let total = 0;
  const decoder = new Decompress((data) => {
    total += data.length;
  });
  for (const chunk of dataset.chunks) {
    decoder.push(chunk);
    await Promise.resolve();
  }
  decoder.push(new Uint8Array(0), true);
  return total;
}

/** Bare zlib stream, 64 KiB output chunks (the same chunk size the decoders use). */
export const bare64k: Runner = (dataset) => bareStream(dataset, 65_536);

/** Bare zlib stream with Node's default options (16 KiB output chunks). */
export const bareDefault: Runner = (dataset) => bareStream(dataset, undefined);

/** @urlpool/decoders: createDecodingSource over a pull source of the same chunks. */
export const urlpoolDecoders: Runner = async (dataset) => {
  const chunks = dataset.chunks;
  let index = 0;
  // Shaped like a RawBodyReader whose socket data has already arrived: tryNext() serves it.
  const raw = {
    next: (): Promise<Buffer | null> =>
      Promise.resolve(index < chunks.length ? chunks[index++]! : null),
    tryNext: (): Buffer | null => (index < chunks.length ? chunks[index++]! : null),
    destroy: (): void => {},
  };
  const decoded = createDecodingSource(raw, dataset.coding) as ChunkSource & {
    tryNext?: () => Buffer | null | undefined;
  };
  let total = 0;
  for (;;) {
    // As HTTPResponse reads: the synchronous fast path first, one await only when needed.
    let chunk = decoded.tryNext?.();
    if (chunk === undefined) chunk = await decoded.next();
    if (chunk === null) return total;
    total += chunk.length;
  }
};
