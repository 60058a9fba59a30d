import * as zlib from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import { DependencyWarning, onWarning } from '@urlpool/warnings';
import { expect, it, vi } from 'vitest';
import { rejectionOf } from './helpers/sources.ts';

const hasNative = typeof (zlib as Record<string, unknown>).createZstdDecompress === 'function';

vi.mock('fzstd', () => {
  throw new Error("Cannot find package 'fzstd'");
});

it.skipIf(hasNative)(
  'a zstd body with no decoder gives a DependencyWarning and a clear DecodeError',
  async () => {
    const { decodeBuffer } = await import('../src/index.ts');
    const warnings: unknown[] = [];
    const stop = onWarning((warning) => warnings.push(warning));
    try {
      const error = await rejectionOf(
        decodeBuffer(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0]), 'zstd'),
      );
      expect(error).toBeInstanceOf(DecodeError);
      expect(error.message).toContain('content-encoding: zstd');
      expect((error.cause as Error).message).toMatch(/fzstd.*Node\.js >= 22\.15/);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toBeInstanceOf(DependencyWarning);
      // The body after the first one fails the same way, without a second warning.
      expect(await rejectionOf(decodeBuffer(Buffer.from([1, 2, 3]), 'zstd'))).toBeInstanceOf(
        DecodeError,
      );
      expect(warnings).toHaveLength(1);
      // Bodies with nothing to decode are unaffected.
      expect((await decodeBuffer(Buffer.from('x'), 'identity')).toString()).toBe('x');
    } finally {
      stop();
    }
  },
);
