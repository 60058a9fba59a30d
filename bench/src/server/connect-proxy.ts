/**
 * A minimal CONNECT proxy for the tunnel scenario, in the bench server process: reads the
 * CONNECT head, opens TCP to the requested port on 127.0.0.1 (nothing else is allowed), answers
 * 200 and pipes both ways. Keep-alive tunnels carry many requests; the proxy does no parsing
 * after the head, so its cost per request is two socket copies.
 */
import { connect, type Socket } from 'node:net';

const CONNECT_LINE = /^CONNECT (?:127\.0\.0\.1|localhost):(\d{1,5}) HTTP\/1\.[01]\r\n/;

/** Serves one client connection of the CONNECT proxy. */
export function serveConnect(client: Socket): void {
  client.setNoDelay(true);
  client.on('error', () => {});
  let pending: Buffer | null = null;
  const onData = (chunk: Buffer): void => {
    pending = pending === null ? chunk : Buffer.concat([pending, chunk]);
    const end = pending.indexOf('\r\n\r\n');
    if (end < 0) return;
    client.off('data', onData);
    client.pause();
    const match = CONNECT_LINE.exec(pending.toString('latin1', 0, end + 2));
    const rest = pending.subarray(end + 4);
    if (match === null) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: Number(match[1]), noDelay: true });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };
  client.on('data', onData);
}
