import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodableContentEncodings as nodeEncodings } from '../src/platform/content-encodings.node.ts';
import { decodableContentEncodings as webEncodings } from '../src/platform/content-encodings.web.ts';
import * as webFs from '../src/platform/fs.web.ts';

// The #platform twins used outside Node, checked here on Node's own web APIs.
describe('web platform twins of core', () => {
  it('file streams are never detected where node:fs does not exist', () => {
    const stream = createReadStream(fileURLToPath(import.meta.url));
    try {
      expect(webFs.isReadStream(stream)).toBe(false);
      expect(() => webFs.createReadStream()).toThrow(TypeError);
    } finally {
      stream.destroy();
    }
  });

  it('content codings come from DecompressionStream', () => {
    const web = webEncodings();
    expect(web.slice(0, 2)).toEqual(['gzip', 'deflate']);
    expect(nodeEncodings().slice(0, 3)).toEqual(['gzip', 'deflate', 'br']);
  });
});
