import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server for one page and its module script (the browser tests' origin). */
export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `/` (an HTML page loading `/bundle.js` as a module) and `/bundle.js` on 127.0.0.1. */
export async function startPageServer(script: string): Promise<PageServer> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>loading</title>' +
    '<script type="module" src="/bundle.js"></script>';
  const server: Server = createServer((req, res) => {
    if (req.url === '/bundle.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
