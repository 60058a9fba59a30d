import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

/** A loopback server answering `GET /c/<id>` with the registered pieces of case `id`. */
export interface ScriptServer {
  readonly port: number;
  /** Sockets open on the server side. */
  readonly openSockets: number;
  register(id: number, pieces: readonly Buffer[]): void;
  unregister(id: number): void;
  close(): Promise<void>;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const TARGET = /^[A-Z]+ \/c\/(\d+) /;

/**
 * Starts the scripted server. After writing a case's pieces (one write per piece, an event
 * loop turn apart so they arrive as separate reads), it half-closes after `holdMs` unless the
 * client closed first: a self-delimited response is judged before the FIN, a close-delimited
 * one ends with it.
 */
export async function startScriptServer(holdMs: number): Promise<ScriptServer> {
  const cases = new Map<number, readonly Buffer[]>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
    let received = Buffer.alloc(0);
    const onData = (data: Buffer): void => {
      received = Buffer.concat([received, data]);
      if (received.indexOf(HEAD_END) === -1) return;
      socket.off('data', onData);
      const match = TARGET.exec(received.toString('latin1'));
      const pieces = match === null ? undefined : cases.get(Number(match[1]));
      if (pieces === undefined) {
        socket.destroy();
        return;
      }
      void writePieces(socket, pieces, holdMs);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get openSockets() {
      return sockets.size;
    },
    register: (id, pieces) => cases.set(id, pieces),
    unregister: (id) => cases.delete(id),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function writePieces(socket: Socket, pieces: readonly Buffer[], holdMs: number) {
  for (const piece of pieces) {
    if (socket.destroyed) return;
    await new Promise<void>((resolve) => socket.write(piece, () => resolve()));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // Drain whatever the client sends meanwhile; end once the hold expires.
  socket.resume();
  const timer = setTimeout(() => socket.end(), holdMs);
  socket.once('close', () => clearTimeout(timer));
}
