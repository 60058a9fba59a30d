// One cold start, in a fresh process: imports `argv[2]` (a package name, resolved from bench/
// like a user's project would, so from each package's built dist, not from source), optionally
// makes one request to `argv[3]`, and prints wall and CPU milliseconds as one JSON line.
// Plain JavaScript run by plain `node` (no tsx, no loader), so nothing but the import is timed.
const [spec, url] = process.argv.slice(2);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(spec);
const importMs = performance.now() - t0;
const cpu1 = process.cpuUsage(cpu0);
let firstMs = null;
if (url !== undefined) {
  if (spec === 'urlpool') {
    const manager = new mod.PoolManager();
    const res = await manager.request('GET', url);
    if (res.status !== 200 || res.data.length === 0) throw new Error(`status ${res.status}`);
    manager.clear();
  } else if (spec.startsWith('undici')) {
    const res = await mod.request(url);
    if (res.statusCode !== 200 || (await res.body.bytes()).length === 0) throw new Error('status');
  } else if (spec === 'node:http') {
    await new Promise((resolve, reject) => {
      mod
        .get(url, (res) => {
          if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
          res.on('data', () => {});
          res.on('end', resolve);
        })
        .on('error', reject);
    });
  }
  firstMs = performance.now() - t0;
}
const cpu = (cpu1.user + cpu1.system) / 1000;
process.stdout.write(`${JSON.stringify({ importMs, cpuMs: cpu, firstMs })}\n`);
process.exit(0);
