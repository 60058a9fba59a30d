// Run by scripts/check-packages.mjs: the same packages through CommonJS require() (Node >= 20.19
// loads ES modules synchronously), and a real loopback request through urlpool.
const assert = require('node:assert/strict');
const { createServer } = require('node:http');
const names = require('./packages.json');

for (const name of names) {
  const resolved = require.resolve(name);
  assert.match(
    resolved,
    /[\\/]node_modules[\\/].+[\\/]dist[\\/]node[\\/]index\.js$/,
    `${name}: ${resolved}`,
  );
  const module = require(name);
  assert.ok(Object.keys(module).length > 0, `${name} exports nothing through require()`);
}

const { PoolManager, HTTPHeaderDict } = require('urlpool');
const server = createServer((req, res) => res.end(`${req.method} ${req.headers['x-from']}`));
server.listen(0, '127.0.0.1', async () => {
  const http = new PoolManager();
  try {
    const url = `http://127.0.0.1:${server.address().port}/cjs`;
    const headers = new HTTPHeaderDict({ 'X-From': 'require' });
    const r = await http.request('GET', url, { headers });
    assert.equal(r.status, 200);
    assert.equal(r.data.toString('utf8'), 'GET require');
    console.log(`cjs: ${names.length} packages required from dist, loopback request ok`);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    http.clear();
    server.close();
  }
});
