import { createHTTPConnectionFactory } from '@urlpool/connection';
import type { ConnectionFactory } from '@urlpool/core';
import { observeRequestHeads, tlsDetailLines, tlsDetails } from './socket-observer.ts';

/**
 * `-v`'s connection factory: the default HTTP/1.1 connection, after writing the TLS details
 * of each new connection (`* ` lines) and arranging for each request head written on it to
 * be shown as `> ` lines, exactly as sent. `nextAttempt()` re-arms the head capture of every
 * connection before a retry or redirect is written.
 */
export function createVerboseConnections(write: (line: string) => void): {
  readonly connectionFactory: ConnectionFactory;
  nextAttempt(): void;
} {
  const base = createHTTPConnectionFactory();
  const observers: { nextRequest(): void }[] = [];
  return {
    connectionFactory(context) {
      const details = tlsDetails(context.socket);
      if (details !== null) for (const line of tlsDetailLines(details)) write(line);
      observers.push(
        observeRequestHeads(context.socket, (head) => {
          for (const line of head.split('\r\n')) write(`> ${line}`);
          write('>');
        }),
      );
      return base(context);
    },
    nextAttempt() {
      for (const observer of observers) observer.nextRequest();
    },
  };
}
