// Installs the Debian packages the tests and the demo need: openssl (runtime certificates),
// python3 (the never-accepting listener of connect-timeout tests), script (util-linux: the
// pseudo-terminal of the CLI's progress-bar test), squid-openssl and tinyproxy
// (the real proxies of @urlpool/proxy-http's tests, examples and demo), and the real SOCKS servers
// of @urlpool/proxy-socks' tests and the demo: dante-server (danted) and microsocks. Tests start
// both themselves on loopback; Debian's danted service cannot start with the packaged
// /etc/danted.conf (it names no internal address) and microsocks ships no service, so neither
// listens anywhere after the install. And chromium: the fetch-manager browser tests drive
// Debian's headless Chromium (no browser is downloaded).
// Runs as part of `pnpm test:all` and `pnpm demo`; a no-op when everything is present.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const REQUIRED = [
  { command: 'openssl', pkg: 'openssl' },
  { command: 'python3', pkg: 'python3' },
  { command: 'danted', pkg: 'dante-server' },
  { command: 'microsocks', pkg: 'microsocks' },
  { command: 'squid', pkg: 'squid-openssl' },
  { command: 'tinyproxy', pkg: 'tinyproxy' },
  { command: 'script', pkg: 'bsdutils' },
  { command: 'chromium', pkg: 'chromium' },
];

function has(command) {
  // Debian puts squid in /usr/sbin, which is not on every user's PATH.
  if (existsSync(`/usr/sbin/${command}`)) return true;
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = REQUIRED.filter((r) => !has(r.command)).map((r) => r.pkg);
if (missing.length > 0) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) =>
    execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit' });
  console.log(`Installing system packages: ${missing.join(' ')}`);
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', ...missing]);
  // Debian starts squid and tinyproxy as system services on install (squid on *:3128). The
  // tests start their own on loopback; stop these so nothing listens beyond loopback.
  for (const service of ['squid', 'tinyproxy']) {
    if (!missing.some((pkg) => pkg.startsWith(service))) continue;
    try {
      run(['sh', '-c', `service ${service} stop >/dev/null 2>&1 || true`]);
    } catch {}
  }
}
