import { describe, expect, it } from 'vitest';
import {
  EMPTY_BODY,
  type Progress,
  prepareBody,
  type RawBodyReader,
  withDownloadProgress,
  withUploadProgress,
} from '../src/index.ts';

async function drain(body: ReturnType<typeof withUploadProgress>): Promise<Buffer> {
  if (body.type !== 'stream') throw new Error(`expected a stream body, got ${body.type}`);
  const parts: Uint8Array[] = [];
  for await (const chunk of body.open() as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('withUploadProgress', () => {
  it('leaves an empty body alone', () => {
    expect(withUploadProgress(EMPTY_BODY, () => {})).toBe(EMPTY_BODY);
  });

  it('sends the same bytes in 64 KiB slices, replayable, reporting from 0 on each open()', async () => {
    const data = Buffer.alloc(150_000, 0x61);
    const calls: Progress[] = [];
    const body = withUploadProgress(prepareBody(data), (p) => calls.push(p));
    expect(body).toMatchObject({ type: 'stream', length: 150_000, replayable: true });
    expect((await drain(body)).equals(data)).toBe(true);
    expect((await drain(body)).equals(data)).toBe(true);
    const run = [
      { loaded: 65_536, total: 150_000 },
      { loaded: 131_072, total: 150_000 },
      { loaded: 150_000, total: 150_000 },
    ];
    expect(calls).toEqual([...run, ...run]);
  });

  it('counts a string body in UTF-8 bytes', async () => {
    const calls: Progress[] = [];
    const body = withUploadProgress(prepareBody('ü'.repeat(10)), (p) => calls.push(p));
    expect((await drain(body)).toString('utf8')).toBe('ü'.repeat(10));
    expect(calls).toEqual([{ loaded: 20, total: 20 }]);
  });

  it('keeps a one-shot stream one-shot', () => {
    async function* once(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('x');
    }
    const body = withUploadProgress(prepareBody(once()), () => {});
    expect(body).toMatchObject({ type: 'stream', length: null, replayable: false });
  });
});

describe('withDownloadProgress', () => {
  function reader(chunks: Buffer[], length: number | null): RawBodyReader {
    let bytesRead = 0;
    return {
      get done() {
        return chunks.length === 0;
      },
      get bytesRead() {
        return bytesRead;
      },
      get lengthRemaining() {
        return length === null ? null : length - bytesRead;
      },
      chunked: length === null,
      tryNext: () => undefined,
      next: async () => {
        const chunk = chunks.shift() ?? null;
        if (chunk !== null) bytesRead += chunk.length;
        return chunk;
      },
      destroy: () => {},
    };
  }

  it('reports each chunk against the Content-Length, or null without one', async () => {
    for (const length of [30, null]) {
      const calls: Progress[] = [];
      const raw = withDownloadProgress(reader([Buffer.alloc(10), Buffer.alloc(20)], length), (p) =>
        calls.push(p),
      );
      while ((await raw.next()) !== null);
      expect(calls).toEqual([
        { loaded: 10, total: length },
        { loaded: 30, total: length },
      ]);
      expect(raw.done).toBe(true);
      expect(raw.bytesRead).toBe(30);
    }
  });
});
