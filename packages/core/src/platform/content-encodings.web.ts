/**
 * Runtimes without node:zlib: what their `DecompressionStream` takes (gzip and deflate
 * everywhere it exists, br where it takes `'brotli'`).
 */
export function decodableContentEncodings(): readonly string[] {
  if (typeof DecompressionStream !== 'function') return [];
  const codings = ['gzip', 'deflate'];
  try {
    new DecompressionStream('brotli' as CompressionFormat);
    codings.push('br');
  } catch {}
  return codings;
}
