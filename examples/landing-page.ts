// Code shown on the docs landing page (docs/index.md includes these regions). `pnpm typecheck`
// type-checks this file, so the page cannot drift from the API; it is never run (the URLs are
// placeholders).
// #region imports
import { createReadStream } from 'node:fs';
import { MaxRetryError, PoolManager, Retry, request, Timeout } from 'urlpool';
// #endregion imports

export async function makeRequest(): Promise<void> {
  // #region request
  const http = new PoolManager();
  const r = await http.request('GET', 'https://example.com/');
  console.log(r.status, r.headers.get('content-type'));
  console.log(r.data.toString('utf8')); // the whole body, decoded
  // #endregion request
}

export async function topLevel(): Promise<void> {
  // #region top-level
  const r = await request('GET', 'https://example.com/api', {
    headers: { accept: 'application/json' },
  });
  console.log(r.json());
  // #endregion top-level
}

export async function sendData(http: PoolManager): Promise<void> {
  // #region send
  // JSON: serialized for you, with Content-Type: application/json.
  await http.request('POST', 'https://example.com/items', { json: { name: 'urlpool' } });

  // Form fields, or multipart/form-data with a file: urllib3's `fields`.
  await http.request('POST', 'https://example.com/upload', {
    fields: { title: 'report', file: ['report.csv', 'a,b\n1,2\n', 'text/csv'] },
  });

  // Raw bytes, a string, an (async) iterable of bytes or a Readable, streamed as it is read.
  await http.request('PUT', 'https://example.com/blob', { body: createReadStream('big.bin') });
  // #endregion send
}

export async function retriesAndTimeouts(): Promise<void> {
  // #region retries
  const http = new PoolManager({
    retries: new Retry({ total: 3, backoffFactor: 100, statusForcelist: [502, 503] }),
    timeout: new Timeout({ connect: 2000, read: 10_000 }),
  });
  try {
    await http.request('GET', 'https://example.com/flaky');
  } catch (error) {
    if (error instanceof MaxRetryError) console.error('gave up:', error.reason);
    else throw error;
  }
  // #endregion retries
}

export async function streaming(http: PoolManager): Promise<void> {
  // #region stream
  const r = await http.request('GET', 'https://example.com/big.iso', { preloadContent: false });
  for await (const chunk of r.stream(65_536)) process.stdout.write(chunk);
  r.releaseConn(); // hands the connection back to the pool
  // #endregion stream
}

export async function progress(http: PoolManager): Promise<void> {
  // #region progress
  const r = await http.request('GET', 'https://example.com/big.iso', {
    preloadContent: false,
    onDownloadProgress: ({ loaded, total }) =>
      console.log(total === null ? `${loaded} bytes` : `${Math.floor((100 * loaded) / total)}%`),
  });
  for await (const chunk of r.stream()) process.stdout.write(chunk);
  r.releaseConn();
  // #endregion progress
}
