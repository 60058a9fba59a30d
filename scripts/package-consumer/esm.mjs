// Run by scripts/check-packages.mjs inside a scratch project that installed the packed tarballs:
// every public package imports from its published dist, and urlpool makes a real loopback request.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const names = JSON.parse(readFileSync(new URL('./packages.json', import.meta.url), 'utf8'));
for (const name of names) {
  const resolved = import.meta.resolve(name);
  assert.match(resolved, /\/node_modules\/.+\/dist\/node\/index\.js$/, `${name}: ${resolved}`);
  const module = await import(name);
  assert.ok(Object.keys(module).length > 0, `${name} exports nothing`);
}

const { PoolManager, Retry, Timeout, request } = await import('urlpool');
const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ method: req.method, url: req.url }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/esm?x=1`;
try {
  const http = new PoolManager({ numPools: 2, maxsize: 2 });
  const r = await http.request('GET', url, {
    retries: new Retry({ total: 1 }),
    timeout: new Timeout({ connect: 2000, read: 2000 }),
  });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json(), { method: 'GET', url: '/esm?x=1' });
  http.clear();
  const top = await request('POST', url);
  assert.equal(top.status, 200);
  assert.deepEqual(top.json(), { method: 'POST', url: '/esm?x=1' });
} finally {
  server.close();
}
console.log(`esm: ${names.length} packages imported from dist, loopback request ok`);
