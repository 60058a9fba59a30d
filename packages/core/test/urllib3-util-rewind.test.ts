// Ported from urllib3's test/test_util.py: the rewind_body tests. urllib3 records a file body's
// position and seeks back to it before a retry; urlpool decides once, in prepareBody, whether a
// body can be sent again (bytes, chunk arrays, Blobs, files opened by path) and refuses a second
// attempt of a one-shot stream with UnrewindableBodyError (urllib3's failed tell()/seek()).
// The Python-only bad-position case (a non-integer body_pos) has no equivalent.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertBodyCanBeSent,
  isReplayableBody,
  markBodySent,
  type PreparedBody,
  prepareBody,
  UnrewindableBodyError,
} from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'urlpool-rewind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(body: PreparedBody): Promise<string> {
  if (body.type === 'empty') return '';
  if (body.type === 'bytes') return body.data.toString();
  const chunks: Uint8Array[] = [];
  for await (const chunk of body.open()) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

describe('urllib3 test_util: rewind_body', () => {
  it('a file body is read again from its start for the next attempt', async () => {
    const path = join(dir, 'body.txt');
    writeFileSync(path, 'test data');
    const body = prepareBody(createReadStream(path));
    expect(isReplayableBody(body)).toBe(true);
    markBodySent(body);
    expect(await read(body)).toBe('test data');
    expect(() => assertBodyCanBeSent(body)).not.toThrow();
    expect(await read(body)).toBe('test data');
  });

  it('a one-shot stream cannot be sent twice (failed tell)', async () => {
    const body = prepareBody(Readable.from([Buffer.from('test data')]));
    expect(isReplayableBody(body)).toBe(false);
    expect(() => assertBodyCanBeSent(body)).not.toThrow();
    markBodySent(body);
    expect(await read(body)).toBe('test data');
    expect(() => assertBodyCanBeSent(body)).toThrow(UnrewindableBodyError);
  });

  it('re-opening a consumed one-shot stream throws (failed seek)', async () => {
    const body = prepareBody(Readable.from([Buffer.from('test data')]));
    await read(body);
    if (body.type !== 'stream') throw new Error('expected a stream body');
    expect(() => body.open()).toThrow(UnrewindableBodyError);
  });

  it('bytes and chunk arrays are always replayable', async () => {
    for (const source of [
      'test data',
      Buffer.from('test data'),
      [Buffer.from('test '), Buffer.from('data')],
    ]) {
      const body = prepareBody(source);
      expect(isReplayableBody(body)).toBe(true);
      markBodySent(body);
      expect(() => assertBodyCanBeSent(body)).not.toThrow();
      expect(await read(body)).toBe('test data');
      expect(await read(body)).toBe('test data');
    }
  });
});
