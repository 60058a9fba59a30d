import { createHash } from 'node:crypto';
import { patternBlock, patternSlice } from '@urlpool/test-server';

/** sha256 of the first `size` bytes of the test server's `/large` pattern, built in 1 MiB slices. */
export function patternSha256(size: number): string {
  const chunk = 1024 * 1024;
  const block = patternBlock(chunk);
  const hash = createHash('sha256');
  for (let at = 0; at < size; at += chunk) {
    hash.update(patternSlice(block, at, Math.min(chunk, size - at)));
  }
  return hash.digest('hex');
}
