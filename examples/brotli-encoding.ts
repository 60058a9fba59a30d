// Guide: "Brotli Encoding". Node ships brotli, so nothing extra is installed.
import assert from 'node:assert/strict';
import { makeHeaders, PoolManager } from 'urlpool';
import type { Example } from './example-context.ts';

export const brotliEncoding: Example = {
  title: 'Brotli Encoding',
  async run({ server, log }) {
    const http = new PoolManager();
    const r = await http.request('GET', `${server.url}/encoding/br?size=20000`, {
      headers: { 'Accept-Encoding': 'br' },
    });
    const decodedLength = Number(r.headers.get('x-decoded-length'));
    log(
      `Accept-Encoding: br -> Content-Encoding: ${r.headers.get('content-encoding')}, ${r.data.length} bytes after decoding`,
    );
    assert.equal(r.headers.get('content-encoding'), 'br');
    assert.equal(r.data.length, decodedLength);

    // The raw bytes are still there when asked for.
    const raw = await http.request('GET', `${server.url}/encoding/br?size=20000`, {
      headers: { 'Accept-Encoding': 'br' },
      decodeContent: false,
    });
    log(`decodeContent: false -> ${raw.data.length} compressed bytes`);
    assert.ok(raw.data.length < decodedLength);

    // makeHeaders({ acceptEncoding: true }) lists what this runtime can decode.
    const headers = makeHeaders({ acceptEncoding: true });
    log(
      `makeHeaders({ acceptEncoding: true }) -> Accept-Encoding: ${headers.get('accept-encoding')}`,
    );
    const stacked = await http.request('GET', `${server.url}/encoding/gzip,br?size=5000`, {
      headers,
    });
    log(
      `Content-Encoding: ${stacked.headers.get('content-encoding')} -> ${stacked.data.length} bytes decoded`,
    );
    assert.equal(stacked.data.length, Number(stacked.headers.get('x-decoded-length')));
    http.clear();
  },
};
