// Guide: "Streaming and I/O".
import assert from 'node:assert/strict';
import { PoolManager } from 'urlpool';
import type { Example } from './example-context.ts';

export const streamingAndIo: Example = {
  title: 'Streaming and I/O',
  async run({ server, log }) {
    const http = new PoolManager();

    // preloadContent: false streams the body; stream(amt) yields chunks of at most amt bytes.
    const r = await http.request('GET', `${server.url}/bytes/1024?seed=1`, {
      preloadContent: false,
    });
    let chunks = 0;
    let bytes = 0;
    for await (const chunk of r.stream(32)) {
      chunks++;
      bytes += chunk.length;
    }
    r.releaseConn();
    log(`stream(32) over /bytes/1024: ${chunks} chunks, ${bytes} bytes; connection released`);
    assert.equal(bytes, 1024);

    // The response is file-like: read(amt) blocks until that many bytes are available.
    const r2 = await http.request('GET', `${server.url}/bytes/1024?seed=1`, {
      preloadContent: false,
    });
    const first = await r2.read(8);
    log(`read(8) -> ${first.length} bytes: ${first.toString('hex')}; tell() = ${r2.tell()}`);
    assert.equal(first.length, 8);
    await r2.drainConn();

    // Buffering like io.BufferedReader: wrap it in a Node Readable.
    const r3 = await http.request('GET', `${server.url}/text`, { preloadContent: false });
    const readable = r3.toReadable();
    let text = '';
    for await (const piece of readable) text += piece.toString();
    log(`toReadable() over /text: ${text.length} characters`);
    assert.ok(text.length > 0);

    // codecs.getreader('utf-8') -> a web stream piped through TextDecoderStream, then JSON.
    const r4 = await http.request('GET', `${server.url}/json`, { preloadContent: false });
    const decoded = r4.toWebStream().pipeThrough(new TextDecoderStream());
    let json = '';
    for await (const piece of decoded as unknown as AsyncIterable<string>) json += piece;
    const parsed = JSON.parse(json) as Record<string, unknown>;
    log(
      `toWebStream().pipeThrough(new TextDecoderStream()) -> JSON with keys ${Object.keys(parsed).join(', ')}`,
    );
    r4.releaseConn();
    http.clear();
  },
};
