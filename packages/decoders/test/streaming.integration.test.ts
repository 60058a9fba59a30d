import { Agent, createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DecodeError } from '@urlpool/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecoderStream, decodeStream } from '../src/index.ts';
import { sampleText } from './helpers/data.ts';
import { CODING, ENCODE, ZSTD_FIXTURE } from './helpers/encoders.ts';
import { rejectionOf, split } from './helpers/sources.ts';

const text = sampleText(3 << 20, 41);
const bodies: Record<string, { coding: string; body: Buffer; text: Buffer }> = {
  zstd: { coding: 'zstd', body: ZSTD_FIXTURE.body, text: ZSTD_FIXTURE.text },
  corrupt: {
    coding: 'gzip',
    body: Buffer.concat([ENCODE.gzip!(text).subarray(0, 5000), Buffer.alloc(100, 1)]),
    text,
  },
};
for (const key of Object.keys(ENCODE))
  bodies[key] = { coding: CODING[key]!, body: ENCODE[key]!(text), text };

let server: Server;
let port: number;
const agent = new Agent({ keepAlive: false });

beforeAll(async () => {
  // Serves /<name> as a chunked response written 64 KiB at a time, with its Content-Encoding.
  server = createServer(async (req, res) => {
    const entry = bodies[req.url!.slice(1)]!;
    res.writeHead(200, { 'content-encoding': entry.coding, 'transfer-encoding': 'chunked' });
    for (const piece of split(entry.body, 65_536)) {
      if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function fetchRaw(name: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: `/${name}`, agent }, resolve).on('error', reject);
  });
}

describe.each(Object.keys(bodies).filter((k) => k !== 'corrupt'))(
  'a %s body over a loopback socket in 64 KiB writes',
  (name) => {
    it('decodes through decodeStream', async () => {
      const res = await fetchRaw(name);
      const out: Buffer[] = [];
      for await (const chunk of decodeStream(res, res.headers['content-encoding'])) out.push(chunk);
      expect(Buffer.concat(out).equals(bodies[name]!.text)).toBe(true);
    });

    it('decodes through createDecoderStream', async () => {
      const res = await fetchRaw(name);
      const out: Buffer[] = [];
      await pipeline(
        res,
        createDecoderStream(res.headers['content-encoding']),
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            out.push(chunk);
            callback();
          },
        }),
      );
      expect(Buffer.concat(out).equals(bodies[name]!.text)).toBe(true);
    });
  },
);

it('fails with DecodeError on a corrupt body and stops reading the socket', async () => {
  const res = await fetchRaw('corrupt');
  const error = await rejectionOf(
    (async () => {
      for await (const _chunk of decodeStream(res, res.headers['content-encoding'])) {
        // consume
      }
    })(),
  );
  expect(error).toBeInstanceOf(DecodeError);
  res.destroy();
});
