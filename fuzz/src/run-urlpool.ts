import type { Duplex } from 'node:stream';
import {
  connectTcp,
  EMPTY_HEADER_BLOCK,
  HTTPConnection,
  renderRequestHead,
} from '@urlpool/connection';
import { type Connector, EMPTY_BODY, HTTPError } from '@urlpool/core';
import { errorShape, Fault, type Outcome } from './outcome.ts';

/** Runs one case through urlpool's HTTPConnection over real TCP. Throws Fault on a defect. */
export async function runUrlpool(
  port: number,
  id: number,
  method: 'GET' | 'HEAD',
  timeoutMs: number,
): Promise<Outcome> {
  let socket: Duplex | null = null;
  const connector: Connector = async (request) => {
    socket = await connectTcp(request);
    return socket;
  };
  const connection = new HTTPConnection({ host: '127.0.0.1', port, connector });
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Fault('hang', `no outcome within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const outcome = await Promise.race([exchange(connection, method, port, id), hang]);
    if (outcome.kind !== 'ok' || !outcome.reusable) {
      // A connection that cannot be reused must have closed its socket by itself.
      await new Promise((resolve) => setImmediate(resolve));
      const s = socket as Duplex | null;
      if (s !== null && !s.destroyed) {
        throw new Fault('leaked-socket', `socket left open after ${describe(outcome)}`);
      }
    }
    return outcome;
  } finally {
    clearTimeout(timer);
    connection.close();
  }
}

async function exchange(
  connection: HTTPConnection,
  method: 'GET' | 'HEAD',
  port: number,
  id: number,
): Promise<Outcome> {
  const target = `/c/${id}`;
  try {
    await connection.connect(1000);
    const head = await connection.send({
      method,
      target,
      head: renderRequestHead(
        method,
        target,
        `127.0.0.1:${port}`,
        'urlpool-fuzz',
        EMPTY_HEADER_BLOCK,
        EMPTY_BODY,
        false,
      ),
      body: EMPTY_BODY,
      readTimeout: undefined,
      enforceContentLength: true,
      url: target,
      pool: null,
    });
    const chunks: Buffer[] = [];
    for (let chunk = await head.body.next(); chunk !== null; chunk = await head.body.next()) {
      chunks.push(chunk);
    }
    return {
      kind: 'ok',
      status: head.status,
      body: Buffer.concat(chunks).toString('latin1'),
      reusable: connection.isReusable,
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
