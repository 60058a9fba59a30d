/**
 * The undici the bench compares against: undici 7 on Node 20 (undici 8 needs Node >= 22.19),
 * undici 8 on Node 24, so each runtime is measured against the undici its users would install.
 * Both are installed under pnpm aliases (`undici7`, `undici8`); `BENCH_UNDICI=7|8` overrides.
 */
import { createRequire } from 'node:module';

type Undici = typeof import('undici7');

function pick(): 'undici7' | 'undici8' {
  const forced = process.env.BENCH_UNDICI;
  if (forced === '7' || forced === '8') return `undici${forced}`;
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 19) ? 'undici8' : 'undici7';
}

const name = pick();

/** The installed alias (`undici7` / `undici8`), for child processes that import it. */
export const UNDICI_NAME: string = name;
const require = createRequire(import.meta.url);

/** The undici module (7 or 8, see above); both have the same API for what the bench uses. */
export const undici: Undici = require(name) as Undici;

/** `undici 7.30.2`, for table headers. */
export const UNDICI_VERSION: string = `undici ${(require(`${name}/package.json`) as { version: string }).version}`;
