import type { HTTPConnection } from '@urlpool/connection';
import type { ReleaseHandle } from '@urlpool/core';

/** Where a lease returns its connection. */
export interface ConnectionHome {
  putConn(connection: HTTPConnection): void;
}

/**
 * One checkout of a connection, handed to the response as its ReleaseHandle. A second
 * release() is ignored, so a stale response can never return a connection that already
 * serves another request.
 */
export class Lease implements ReleaseHandle {
  private connection: HTTPConnection | null;
  private readonly home: ConnectionHome;

  constructor(home: ConnectionHome, connection: HTTPConnection) {
    this.home = home;
    this.connection = connection;
  }

  release(): void {
    const connection = this.connection;
    if (connection === null) return;
    this.connection = null;
    this.home.putConn(connection);
  }
}
