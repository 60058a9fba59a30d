import type { Duplex } from 'node:stream';
import { checkBodyLength, type PreparedBody } from '@urlpool/core';
import type { RenderedHead } from './request-head.ts';

const NON_ASCII = /[^\x00-\x7f]/;
const LAST_CHUNK = '0\r\n\r\n';

/**
 * Writes a request head and body. Bytes bodies are written synchronously (head and body in one
 * write when possible, otherwise corked) and `null` is returned; streamed bodies return a
 * Promise that settles once the last byte is handed to the socket, honouring backpressure.
 */
export function writeRequest(
  socket: Duplex,
  rendered: RenderedHead,
  body: PreparedBody,
): Promise<void> | null {
  const { head, chunked } = rendered;
  if (body.type === 'empty') {
    socket.write(chunked ? head + LAST_CHUNK : head, 'latin1');
    return null;
  }
  if (body.type === 'bytes') {
    const { data } = body;
    if (typeof data === 'string' && !chunked && !NON_ASCII.test(head)) {
      // One string, one write, one syscall: the common JSON/form POST.
      socket.write(head + data, 'utf8');
      return null;
    }
    socket.cork();
    socket.write(head, 'latin1');
    if (chunked) {
      if (body.length > 0) {
        socket.write(`${body.length.toString(16)}\r\n`, 'latin1');
        socket.write(data);
        socket.write(`\r\n${LAST_CHUNK}`, 'latin1');
      } else {
        socket.write(LAST_CHUNK, 'latin1');
      }
    } else {
      socket.write(data);
    }
    // uncork on the next tick would also batch, but uncorking now keeps ordering obvious.
    socket.uncork();
    return null;
  }
  socket.write(head, 'latin1');
  return writeStreamBody(socket, body.open(), chunked, rendered.contentLength);
}

/**
 * Writes a streamed body. With a Content-Length (`declared` >= 0) every chunk is checked
 * before it is written: a chunk that would overrun it, or an end short of it, throws
 * ContentLengthMismatchError and nothing more is written (the connection is then discarded).
 */
async function writeStreamBody(
  socket: Duplex,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  chunked: boolean,
  declared: number,
): Promise<void> {
  let written = 0;
  for await (const item of chunks as AsyncIterable<Uint8Array | string>) {
    if (socket.destroyed) return;
    // A text stream (Readable.from(['…']), setEncoding) yields strings: sent as UTF-8, as
    // urllib3 encodes the str chunks of an iterable or a text file body.
    const chunk = typeof item === 'string' ? Buffer.from(item, 'utf8') : item;
    if (chunk.byteLength === 0) continue;
    written += chunk.byteLength;
    if (declared >= 0) checkBodyLength(declared, written, false);
    let ok: boolean;
    if (chunked) {
      socket.cork();
      socket.write(`${chunk.byteLength.toString(16)}\r\n`, 'latin1');
      socket.write(chunk);
      ok = socket.write('\r\n', 'latin1');
      socket.uncork();
    } else {
      ok = socket.write(chunk);
    }
    if (!ok && !socket.destroyed) await waitForDrain(socket);
  }
  if (declared >= 0 && !socket.destroyed) checkBodyLength(declared, written, true);
  if (chunked && !socket.destroyed) socket.write(LAST_CHUNK, 'latin1');
}

function waitForDrain(socket: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
