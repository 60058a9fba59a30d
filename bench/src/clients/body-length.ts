/**
 * Reads a body to its end and returns its length. `keep` collects the chunks into one Buffer,
 * as a client that hands back the body does; without it the chunks are only counted
 * (streaming scenarios).
 */
export async function bodyLength(stream: AsyncIterable<Buffer>, keep: boolean): Promise<number> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    n += chunk.length;
    if (keep) chunks.push(chunk);
  }
  return keep ? Buffer.concat(chunks, n).length : n;
}
