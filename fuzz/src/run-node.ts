import { type Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import type { Outcome } from './outcome.ts';

/** Runs one case through node:http (llhttp, strict mode) with a keep-alive agent. */
export function runNode(
  agent: Agent,
  port: number,
  id: number,
  method: 'GET' | 'HEAD',
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let socket: Socket | null = null;
    let settled = false;
    let response: { readonly complete: boolean } | null = null;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    const req = request({ agent, host: '127.0.0.1', port, method, path: `/c/${id}` }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.complete) {
          finish({
            kind: 'ok',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('latin1'),
            reusable: req.shouldKeepAlive,
          });
        } else {
          finish({ kind: 'error', name: 'aborted', detail: 'response aborted' });
        }
      });
      res.on('aborted', () => finish({ kind: 'error', name: 'aborted', detail: 'aborted' }));
      res.on('error', (error: NodeJS.ErrnoException) =>
        finish({ kind: 'error', name: error.code ?? error.name, detail: error.message }),
      );
      response = res;
    });
    req.on('socket', (s) => {
      socket = s;
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A parse error after a complete response concerns the bytes that followed it.
      const after = response?.complete === true ? 'after-complete:' : '';
      finish({ kind: 'error', name: `${after}${error.code ?? error.name}`, detail: error.message });
    });
    req.end();
  });
}
