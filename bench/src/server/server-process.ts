/**
 * The bench server, run in its own process (forked by server-handle.ts) so that its CPU time is
 * not charged to the client being measured. A raw `net` server: it finds the end of each request
 * head, reads a Content-Length request body if there is one, and writes a prebuilt response.
 * No HTTP parser, no per-request allocation beyond one latin1 string of the head.
 *
 * Paths: /small (100 B), /post (expects a 1 KiB body), /big (64 MiB, streamed with backpressure),
 * /gzip (1 MiB of text, gzipped once at startup), /upload (expects a 1 MiB body), /close (/small
 * with `Connection: close`, then the socket is closed). It also listens on ORIGIN_COUNT extra
 * ports, all 127.0.0.1, for the many-origins scenarios, and on a TLS port (same paths; a
 * certificate from a run-time CA, made with test-server's helpers; session tickets on, Node's
 * default, so clients can resume).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { generateTestCertificates } from '@urlpool/test-server';
import {
  BIG_BYTES,
  BIG_SLICE_BYTES,
  ORIGIN_COUNT,
  POST_BODY_BYTES,
  UPLOAD_BYTES,
} from '../sizes.ts';
import { serveConnect } from './connect-proxy.ts';
import { buildResponses } from './responses.ts';

const responses = buildResponses();
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding:[^\r]*chunked/i;
let requests = 0;
/** Sockets open right now (the memory bench checks how many idle connections a client holds). */
let open = 0;
/** `/hold?n=N`: sockets waiting until N hold requests are in, so exactly N connections exist. */
let held: Socket[] = [];

/** Per-socket request loop. Requests are served in order, one at a time (no pipelining needed). */
function serve(socket: Socket): void {
  socket.setNoDelay(true);
  open++;
  socket.once('close', () => open--);
  let pending: Buffer | null = null;
  let bodyRemaining = 0;
  let bodyLength = 0;
  let busy = false;

  const sendBig = (): void => {
    busy = true;
    socket.write(responses.bigHead);
    let offset = 0;
    const next = (): void => {
      while (offset < BIG_BYTES) {
        const end = Math.min(offset + BIG_SLICE_BYTES, BIG_BYTES);
        const ok = socket.write(responses.bigBody.subarray(offset, end));
        offset = end;
        if (!ok) {
          socket.once('drain', next);
          return;
        }
      }
      busy = false;
      loop();
    };
    next();
  };

  const loop = (): void => {
    while (pending !== null && !busy) {
      if (bodyRemaining > 0) {
        const take = Math.min(bodyRemaining, pending.length);
        bodyRemaining -= take;
        pending = take < pending.length ? pending.subarray(take) : null;
        if (bodyRemaining === 0) {
          if (bodyLength === POST_BODY_BYTES) socket.write(responses.post);
          else if (bodyLength === UPLOAD_BYTES) socket.write(responses.upload);
          else socket.write(responses.postBad);
        }
        continue;
      }
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = pending.toString('latin1', 0, end);
      pending = end + 4 < pending.length ? pending.subarray(end + 4) : null;
      requests++;
      if (CHUNKED.test(head)) {
        socket.end(responses.notImplemented);
        pending = null;
        return;
      }
      const sp = head.indexOf(' ');
      let path = head.slice(sp + 1, head.indexOf(' ', sp + 1));
      const q = path.indexOf('?');
      if (q >= 0) path = path.slice(0, q);
      const cl = CONTENT_LENGTH.exec(head);
      const length = cl === null ? 0 : Number(cl[1]);
      if (path === '/hold') {
        held.push(socket);
        const wanted = Number(head.slice(head.indexOf('?n=') + 3, head.indexOf(' ', sp + 1)));
        if (held.length >= wanted) {
          for (const s of held) s.write(responses.small);
          held = [];
        }
        continue;
      }
      if (path === '/close') {
        socket.end(responses.close);
        pending = null;
        return;
      }
      if (path === '/post' || path === '/upload') {
        if (length === 0) socket.write(responses.postBad);
        bodyRemaining = bodyLength = length;
      } else {
        // Any other request body is read and ignored.
        bodyRemaining = length;
        bodyLength = -1;
        if (path === '/small') socket.write(responses.small);
        else if (path === '/gzip') socket.write(responses.gzip);
        else if (path === '/big') sendBig();
        else socket.write(responses.notFound);
      }
    }
  };

  socket.on('data', (chunk: Buffer) => {
    pending = pending === null ? chunk : Buffer.concat([pending, chunk]);
    loop();
  });
  // Clients reset idle sockets when they close; that is not an error here.
  socket.on('error', () => {});
}

function listen(server: Server | TlsServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, backlog: 1024 }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

async function main(): Promise<void> {
  const port = await listen(createServer(serve));
  const originPorts: number[] = [];
  const originCount = Number(process.env.BENCH_ORIGIN_COUNT ?? ORIGIN_COUNT);
  for (let i = 0; i < originCount; i++) originPorts.push(await listen(createServer(serve)));
  const certs = await generateTestCertificates();
  const tlsPort = await listen(
    createTlsServer({ cert: certs.server.cert, key: certs.server.key }, serve),
  );
  const proxyPort = await listen(createServer(serveConnect));
  process.on('message', (message) => {
    if (message === 'stats')
      process.send?.({ type: 'stats', cpu: process.cpuUsage(), requests, open });
  });
  // The parent owns this process: exit as soon as it goes away.
  process.on('disconnect', () => process.exit(0));
  process.send?.({
    type: 'ready',
    port,
    originPorts,
    tlsPort,
    proxyPort,
    caFile: certs.ca.certFile,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${String(error)}\n`);
  process.exit(1);
});
