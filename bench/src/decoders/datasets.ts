import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/** One compressed body to decode, pre-split into the chunks a socket would deliver. */
export interface Dataset {
  name: string;
  coding: string;
  decodedSize: number;
  chunks: Buffer[];
}

const CHUNK = 65_536;

function split(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < buf.length; at += CHUNK) out.push(buf.subarray(at, at + CHUNK));
  return out;
}

/** JSON-like API text: repetitive keys, varied values (compresses about 5:1 with gzip). */
function jsonText(size: number): Buffer {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const line = `{"id":${i},"name":"user-${(i * 7919) % 100_003}","score":${(i * 31) % 977},"tags":["a${i % 13}","b${i % 29}"],"token":"${randomBytes(6).toString('hex')}"}\n`;
    parts.push(line);
    length += line.length;
  }
  return Buffer.from(parts.join('')).subarray(0, size);
}

/** zstd via the Debian CLI (Node 20 has no zstd compressor); null when it is not installed. */
function zstd(data: Buffer): Buffer | null {
  try {
    return execFileSync('zstd', ['-q', '-c', '-3'], { input: data, maxBuffer: 1 << 30 });
  } catch {
    process.stderr.write('zstd CLI not found (apt-get install zstd): skipping zstd rows\n');
    return null;
  }
}

/** Builds the datasets: JSON text and a half-incompressible mix, in every coding. */
export function buildDatasets(sizeMiB: number): Dataset[] {
  const size = sizeMiB << 20;
  const sources = {
    json: jsonText(size),
    mixed: Buffer.concat([jsonText(size >> 1), randomBytes(size - (size >> 1))]),
  };
  const out: Dataset[] = [];
  for (const [name, data] of Object.entries(sources)) {
    const encoded: Record<string, Buffer | null> = {
      gzip: gzipSync(data),
      deflate: deflateSync(data),
      br: brotliCompressSync(data),
      zstd: zstd(data),
    };
    for (const [coding, body] of Object.entries(encoded)) {
      if (body !== null) out.push({ name, coding, decodedSize: data.length, chunks: split(body) });
    }
  }
  return out;
}
