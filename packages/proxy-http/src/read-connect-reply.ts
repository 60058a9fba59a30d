import type { Duplex } from 'node:stream';
import { DEFAULT_RESPONSE_LIMITS } from '@urlpool/connection';
import { type ParsedHead, parseHead } from '@urlpool/connection/internal';
import { ProtocolError } from '@urlpool/core';

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Reads the proxy's answer to CONNECT: the status line and headers, parsed by the connection
 * package's strict head parser. Bytes after the head (a proxy that speaks first through the
 * tunnel) are put back on the socket for whoever reads it next. The socket is left with no
 * listeners of ours and ready to flow for the next reader.
 *
 * Rejects with `ProtocolError` for a malformed or oversized head, or when the proxy closes the
 * connection before answering; settles never otherwise (the caller's timeout and signal bound
 * the wait and destroy the socket).
 */
export function readConnectReply(socket: Duplex): Promise<ParsedHead> {
  return new Promise<ParsedHead>((resolve, reject) => {
    let buffered: Buffer = Buffer.alloc(0);
    const cleanup = (): void => {
      socket.off('readable', onReadable);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    };
    const onReadable = (): void => {
      for (;;) {
        const chunk = socket.read() as Buffer | null;
        if (chunk === null) return;
        const searchFrom = Math.max(0, buffered.length - 3);
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf(HEAD_END, searchFrom);
        if (end === -1) {
          if (buffered.length > DEFAULT_RESPONSE_LIMITS.maxHeadSize) {
            cleanup();
            reject(
              new ProtocolError(
                `The proxy's answer to CONNECT has a head larger than ${DEFAULT_RESPONSE_LIMITS.maxHeadSize} bytes`,
              ),
            );
          }
          continue;
        }
        cleanup();
        const rest = buffered.subarray(end + HEAD_END.length);
        if (rest.length > 0) socket.unshift(rest);
        try {
          resolve(parseHead(buffered.toString('latin1', 0, end), DEFAULT_RESPONSE_LIMITS));
        } catch (error) {
          reject(error);
        }
        return;
      }
    };
    const onEnd = (): void => {
      cleanup();
      reject(
        new ProtocolError(
          buffered.length === 0
            ? 'The proxy closed the connection without answering CONNECT'
            : `The proxy closed the connection in the middle of its answer to CONNECT (${buffered.length} bytes received)`,
        ),
      );
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    socket.on('readable', onReadable);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
  });
}
