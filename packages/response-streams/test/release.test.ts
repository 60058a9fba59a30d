import { IncompleteRead, InvalidChunkLength, ProtocolError, ReadTimeoutError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { chunksOf, patternBytes } from './helpers/fake-raw-reader.ts';
import { makeResponse } from './helpers/make-response.ts';

describe('releaseConn()', () => {
  it('returns a fully read connection without destroying it, exactly once', async () => {
    const { r, raw, release, connection } = makeResponse(['abc', 'def']);
    expect(r.connection).toBe(connection);
    await r.read();
    expect(r.connection).toBe(connection);
    r.releaseConn();
    r.releaseConn();
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
    expect(raw.destroyed).toBe(false);
    expect(r.connection).toBeNull();
  });

  it('destroys the reader before releasing when the body is unfinished', async () => {
    const { r, raw, release } = makeResponse(['abc', 'def']);
    await r.read(2);
    r.releaseConn();
    expect(raw.destroyed).toBe(true);
    expect(release.destroyedAtRelease).toBe(true);
    expect(release.calls).toBe(1);
    expect(r.closed).toBe(true);
    expect((await r.read()).length).toBe(0);
  });

  it('treats a reader that received everything (done) as complete', async () => {
    const { r, raw, release } = makeResponse(['abc']);
    // The fake marks done once its last chunk was handed out, before the null.
    await r.read(3);
    expect(raw.done).toBe(true);
    r.releaseConn();
    expect(release.destroyedAtRelease).toBe(false);
  });

  it('never releases twice across releaseConn, close and autoRelease', async () => {
    const { r, release } = makeResponse(['abc'], { autoRelease: true });
    await r.read();
    r.releaseConn();
    r.close();
    await r.drainConn();
    await r[Symbol.asyncDispose]();
    expect(release.calls).toBe(1);
  });
});

describe('autoRelease', () => {
  it.each([true, false])('releases as soon as the raw body ends (sync=%s)', async (sync) => {
    const body = patternBytes(50_000);
    const { r, release } = makeResponse(chunksOf(body, 7000), { autoRelease: true }, { sync });
    const parts: Buffer[] = [];
    for await (const chunk of r.stream(4096)) {
      expect(release.calls).toBe(0);
      parts.push(chunk);
    }
    expect(Buffer.concat(parts).equals(body)).toBe(true);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
    expect(r.connection).toBeNull();
  });

  it('without autoRelease the connection stays until releaseConn()', async () => {
    const { r, release } = makeResponse(['abc']);
    await r.read();
    expect(release.calls).toBe(0);
    expect(r.closed).toBe(true);
    r.releaseConn();
    expect(release.calls).toBe(1);
  });
});

describe('drainConn()', () => {
  it('reads and discards the rest, then releases for reuse', async () => {
    const { r, raw, release } = makeResponse(
      ['abc', { delay: 2 }, 'def', 'ghi'],
      {},
      { contentLength: 9 },
    );
    await r.read(1);
    await r.drainConn();
    expect(raw.bytesRead).toBe(9);
    expect(raw.destroyed).toBe(false);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
    expect(r.connection).toBeNull();
  });

  it('closes when draining fails, and does not throw (urllib3)', async () => {
    const err = new IncompleteRead(3, 6);
    const { r, raw, release } = makeResponse(['abc', { error: err }]);
    await expect(r.drainConn()).resolves.toBeUndefined();
    expect(raw.destroyed).toBe(true);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(true);
  });

  it('on an already finished body just releases', async () => {
    const { r, release } = makeResponse(['abc']);
    await r.read();
    await r.drainConn();
    expect(release.calls).toBe(1);
  });
});

describe('close()', () => {
  it('destroys and releases, reads then see the end', async () => {
    const { r, raw, release } = makeResponse(['abc', 'def']);
    await r.read(1);
    r.close();
    expect(raw.destroyed).toBe(true);
    expect(release.destroyedAtRelease).toBe(true);
    expect(r.closed).toBe(true);
    expect(r.connection).toBeNull();
    expect((await r.read()).length).toBe(0);
    r.close();
    expect(release.calls).toBe(1);
  });

  it('closes even a fully read, unreleased connection (not reused)', async () => {
    const { r, raw, release } = makeResponse(['abc']);
    await r.read();
    r.close();
    expect(raw.destroyed).toBe(true);
    expect(release.calls).toBe(1);
  });
});

describe('shutdown()', () => {
  it('rejects a pending read with ProtocolError and frees the connection', async () => {
    const { r, raw, release } = makeResponse(['abc', { stall: true }]);
    await r.read(3);
    const pending = r.read(10);
    await new Promise((resolve) => setTimeout(resolve, 5));
    r.shutdown();
    await expect(pending).rejects.toThrow(ProtocolError);
    await expect(pending).rejects.toThrow(/shut down/);
    await expect(r.read()).rejects.toThrow(/shut down/);
    expect(raw.destroyed).toBe(true);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(true);
  });

  it('rejects a pending stream() iteration', async () => {
    const { r } = makeResponse([{ stall: true }]);
    const it = r.stream();
    const pending = it.next();
    r.shutdown();
    await expect(pending).rejects.toThrow(/shut down/);
  });

  it('does nothing once the body was read', async () => {
    const { r, release } = makeResponse(['abc']);
    await r.read();
    r.shutdown();
    expect(release.calls).toBe(0);
    r.releaseConn();
    expect(release.destroyedAtRelease).toBe(false);
  });
});

describe('errors mid-body', () => {
  it.each([
    ['IncompleteRead', new IncompleteRead(3, 10)],
    ['InvalidChunkLength', new InvalidChunkLength('zz', 3)],
    ['ReadTimeoutError', new ReadTimeoutError(null, '/x', 'Read timed out. (read timeout=10)')],
  ])('%s propagates typed; reader destroyed and connection released once', async (_n, err) => {
    const { r, raw, release } = makeResponse(['abc', { delay: 1 }, { error: err }], {
      autoRelease: true,
    });
    await expect(r.read()).rejects.toBe(err);
    expect(raw.destroyed).toBe(true);
    expect(raw.destroyError).toBe(err);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(true);
    expect(r.connection).toBeNull();
    expect(r.closed).toBe(true);
    // Later reads report the same error rather than a silent end.
    await expect(r.read(1)).rejects.toBe(err);
    await expect(r.read1()).rejects.toBe(err);
  });

  it('preload() rejects and releases on error', async () => {
    const err = new IncompleteRead(3, 4);
    const { r, release } = makeResponse(['abc', { error: err }], { autoRelease: true });
    await expect(r.preload()).rejects.toBe(err);
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(true);
  });
});

describe('Symbol.asyncDispose', () => {
  it('releases a finished body for reuse', async () => {
    const { r, release } = makeResponse(['abc']);
    {
      await using res = r;
      await res.read();
    }
    expect(release.calls).toBe(1);
    expect(release.destroyedAtRelease).toBe(false);
  });

  it('closes an unfinished body', async () => {
    const { r, raw, release } = makeResponse(['abc', 'def']);
    {
      await using res = r;
      await res.read(1);
    }
    expect(raw.destroyed).toBe(true);
    expect(release.destroyedAtRelease).toBe(true);
  });
});
