import type { Duplex } from 'node:stream';
import { connectTcp, HTTPConnection } from '@urlpool/connection';
import { EMPTY_BODY, HTTPError, NO_HEADERS } from '@urlpool/core';
import { errorShape, Fault, type Outcome } from './outcome.ts';

/** Runs one case through urlpool's HTTPConnection over real TCP. Throws Fault on a defect. */
export async function runUrlpool(
  port: number,
  id: number,
  method: 'GET' | 'HEAD',
  timeoutMs: number,
): Promise<Outcome> {
  const held: Held = { socket: null, connection: null };
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Fault('hang', `no outcome within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const outcome = await Promise.race([exchange(held, method, port, id), hang]);
    if (outcome.kind !== 'ok' || !outcome.reusable) {
      // A connection that cannot be reused must have closed its socket by itself.
      await new Promise((resolve) => setImmediate(resolve));
      const s = held.socket;
      if (s !== null && !s.destroyed) {
        throw new Fault('leaked-socket', `socket left open after ${describe(outcome)}`);
      }
    }
    return outcome;
  } finally {
    clearTimeout(timer);
    held.connection?.close();
  }
}

/** The socket and connection of one case, for the checks and cleanup after it. */
interface Held {
  socket: Duplex | null;
  connection: HTTPConnection | null;
}

async function exchange(
  held: Held,
  method: 'GET' | 'HEAD',
  port: number,
  id: number,
): Promise<Outcome> {
  try {
    const { socket } = await connectTcp({
      host: '127.0.0.1',
      port,
      timeout: 1000,
      signal: undefined,
      sourceAddress: undefined,
      socketOptions: { noDelay: true, keepAlive: false },
    });
    held.socket = socket;
    const connection = new HTTPConnection(socket, { host: '127.0.0.1', port });
    held.connection = connection;
    const head = await connection.send({
      method,
      scheme: 'http',
      authority: `127.0.0.1:${port}`,
      path: `/c/${id}`,
      targetForm: 'origin',
      headers: NO_HEADERS,
      body: EMPTY_BODY,
      chunked: false,
      readTimeout: undefined,
      enforceContentLength: true,
    });
    const chunks: Buffer[] = [];
    for (let chunk = await head.body.next(); chunk !== null; chunk = await head.body.next()) {
      chunks.push(chunk);
    }
    return {
      kind: 'ok',
      status: head.status,
      body: Buffer.concat(chunks).toString('latin1'),
      reusable: held.connection?.isReusable ?? false,
    };
  } catch (error) {
    if (error instanceof Fault) throw error;
    if (!(error instanceof HTTPError)) {
      throw new Fault('untyped-error', `${(error as Error)?.name}: ${(error as Error)?.message}`);
    }
    return { kind: 'error', name: error.name, detail: errorShape(error.message) };
  }
}

function describe(outcome: Outcome): string {
  return outcome.kind === 'error' ? `${outcome.name}: ${outcome.detail}` : outcome.kind;
}
