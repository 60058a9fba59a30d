import * as zlib from 'node:zlib';

/** Node: gzip, deflate and br always; zstd when node:zlib has it (Node 22.15+ / 23.8+). */
export function decodableContentEncodings(): readonly string[] {
  return typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function'
    ? ['gzip', 'deflate', 'br', 'zstd']
    : ['gzip', 'deflate', 'br'];
}
