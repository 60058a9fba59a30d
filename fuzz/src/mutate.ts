import type { FuzzCase } from './corpus.ts';
import type { Rng } from './rng.ts';

// Bytes and strings that matter to HTTP framing: line ends, separators, whitespace llhttp does
// and does not accept, and fragments of framing headers.
const BYTES = [
  13, 10, 0, 32, 9, 0xa0, 0x0b, 0x0c, 58, 59, 44, 34, 48, 49, 53, 57, 97, 102, 103, 0x7f, 0xff, 1,
];
const TOKENS = [
  '\r\n',
  '\n',
  '\r',
  ' ',
  '\t',
  'chunked',
  'Transfer-Encoding: chunked\r\n',
  'Content-Length: 3\r\n',
  'Content-Length: 0\r\n',
  'Transfer-Encoding: identity\r\n',
  ', 42',
  ', chunked',
  ';ext',
  ';e="v"',
  '"',
  '0\r\n\r\n',
  'HTTP/1.1 200 OK\r\n',
  'HTTP/1.1 101 Switching Protocols\r\n',
  'HTTP/1.1 100 Continue\r\n\r\n',
  'X: y\r\n',
  'Connection: close\r\n',
  ' 5',
  '5 ',
  'ffffffffffffff',
];

function insert(bytes: Buffer, at: number, what: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), what, bytes.subarray(at)]);
}

function lineStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
  return starts;
}

/** Applies 1–3 random mutations (about a fifth of cases are left valid as a baseline). */
export function mutate(rng: Rng, input: FuzzCase): FuzzCase {
  if (rng.chance(0.2)) return input;
  let bytes = input.bytes;
  for (let n = 1 + rng.int(3); n > 0 && bytes.length > 0; n--) {
    const at = rng.int(bytes.length + 1);
    switch (rng.int(7)) {
      case 0: {
        const copy = Buffer.from(bytes);
        copy[Math.min(at, copy.length - 1)] = rng.pick(BYTES);
        bytes = copy;
        break;
      }
      case 1:
        bytes = insert(bytes, at, Buffer.from([rng.pick(BYTES)]));
        break;
      case 2:
        bytes = insert(bytes, at, Buffer.from(rng.pick(TOKENS), 'latin1'));
        break;
      case 3: {
        const starts = lineStarts(bytes);
        const where = starts.length === 0 ? at : rng.pick(starts);
        bytes = insert(bytes, where, Buffer.from(rng.pick(TOKENS), 'latin1'));
        break;
      }
      case 4:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + rng.int(8))]);
        break;
      case 5: {
        const end = Math.min(bytes.length, at + 1 + rng.int(16));
        bytes = insert(bytes, end, bytes.subarray(at, end));
        break;
      }
      default:
        bytes = bytes.subarray(0, at);
    }
  }
  return { method: input.method, bytes };
}

/** Splits `bytes` into 1–5 pieces at random points (each written separately). */
export function split(rng: Rng, bytes: Buffer): Buffer[] {
  const cuts = new Set<number>();
  for (let n = rng.int(5); n > 0; n--) cuts.add(1 + rng.int(Math.max(1, bytes.length - 1)));
  const points = [...cuts].filter((c) => c < bytes.length).sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}
