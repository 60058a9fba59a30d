// An idle tunnel never keeps the process alive: a script that makes requests through a SOCKS
// proxy and never clears its manager exits when its work is done (the origin would keep the
// idle connections open for a minute).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateTestCertificates, startDante, startTestServer } from '@urlpool/test-server';
import { expect, it } from 'vitest';

it('a script with idle http and https tunnels exits by itself', async () => {
  const certs = await generateTestCertificates();
  await using dante = await startDante();
  await using origin = await startTestServer({ keepAliveTimeoutMs: 60_000 });
  await using secure = await startTestServer({
    keepAliveTimeoutMs: 60_000,
    tls: { key: certs.server.key, cert: certs.server.cert },
  });
  const index = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  const script = `import { SOCKSProxyManager } from ${JSON.stringify(index)};
const proxy = new SOCKSProxyManager(${JSON.stringify(dante.url('socks5h'))}, { caCerts: ${JSON.stringify(certs.ca.certFile)} });
const a = await proxy.request('GET', ${JSON.stringify(`${origin.url}/get`)});
const b = await proxy.request('GET', ${JSON.stringify(`https://localhost:${secure.port}/get`)});
console.log(a.status, b.status);`;
  const child = spawn(
    process.execPath,
    ['--conditions=@urlpool/source', '--import', 'tsx', '--input-type=module', '-e', script],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const timer = setTimeout(() => child.kill(), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  expect(out.trim()).toBe('200 200');
  expect(code).toBe(0);
  // The proxy closes the origin sides once the exited child's sockets are gone.
  await Promise.all([origin.waitForOpenConnections(0), secure.waitForOpenConnections(0)]);
}, 30_000);
