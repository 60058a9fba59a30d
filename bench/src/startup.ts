/**
 * Startup: cold `import()` of urlpool, `@urlpool/pool`, node:http and undici, each in a fresh
 * process (startup/child.mjs, plain node, built dist), and the time to a first request. Runs
 * are interleaved (every variant once per round) and the table shows medians. It also bundles
 * `import { Timeout } from 'urlpool'` with esbuild to show bundlers still tree-shake.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { loadavgLine } from './environment.ts';
import { median, short } from './stats.ts';
import { UNDICI_NAME, UNDICI_VERSION } from './undici.ts';

const run = promisify(execFile);
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const CHILD = 'startup/child.mjs';

interface Variant {
  label: string;
  spec: string;
  /** Extra node flags (`--conditions=module` selects tsc's one-file-per-source output). */
  flags: string[];
  /** Also time a first request. */
  request: boolean;
}

interface Sample {
  importMs: number;
  cpuMs: number;
  firstMs: number | null;
}

function variants(): Variant[] {
  const perFile = ['--conditions=module'];
  return [
    { label: '`urlpool` (one module per package)', spec: 'urlpool', flags: [], request: true },
    {
      label: '`urlpool`, tsc per-file output (as before)',
      spec: 'urlpool',
      flags: perFile,
      request: true,
    },
    { label: '`@urlpool/pool`', spec: '@urlpool/pool', flags: [], request: false },
    {
      label: '`@urlpool/pool`, per-file (as before)',
      spec: '@urlpool/pool',
      flags: perFile,
      request: false,
    },
    { label: '`node:http`', spec: 'node:http', flags: [], request: true },
    { label: `\`undici\` (${UNDICI_VERSION})`, spec: UNDICI_NAME, flags: [], request: true },
  ];
}

async function once(v: Variant, url: string): Promise<Sample> {
  const args = [...v.flags, CHILD, v.spec, ...(v.request ? [url] : [])];
  const { stdout } = await run(process.execPath, args, { cwd: BENCH_DIR });
  return JSON.parse(stdout.trim()) as Sample;
}

async function moduleCount(v: Variant): Promise<number> {
  const args = ['--import', './startup/count-register.mjs', ...v.flags, CHILD, v.spec];
  const { stderr } = await run(process.execPath, args, { cwd: BENCH_DIR });
  // The child script and the counting hook itself are not counted; node: builtins are.
  return stderr.split('\n').filter((l) => l.startsWith('module ') && !l.includes('/startup/'))
    .length;
}

/** Bytes esbuild emits for `import { <names> } from 'urlpool'` (minified, node platform). */
async function shakenBytes(names: string, conditions: string[] | undefined): Promise<number> {
  const result = await build({
    stdin: {
      contents: `import { ${names} } from 'urlpool'; console.log(${names.split(',').join(' + ')});`,
      resolveDir: BENCH_DIR,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    write: false,
    external: ['fzstd'],
    logLevel: 'silent',
    ...(conditions === undefined ? {} : { conditions }),
  });
  return result.outputFiles[0].contents.length;
}

/** Runs `rounds` interleaved rounds and returns the Markdown section. */
export async function startupSection(rounds: number, url: string): Promise<string> {
  const list = variants();
  const samples: Sample[][] = list.map(() => []);
  const errors: (string | null)[] = list.map(() => null);
  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`startup: round ${r + 1}/${rounds}\n`);
    for (let k = 0; k < list.length; k++) {
      const i = (k + r) % list.length;
      if (errors[i] !== null) continue;
      try {
        samples[i].push(await once(list[i], url));
      } catch (error) {
        errors[i] = String(error instanceof Error ? error.message : error).split('\n')[0];
      }
    }
  }
  const lines = [
    `### startup: cold import in a fresh process (${rounds} rounds, interleaved)`,
    '',
    loadavgLine(),
    '',
    '| what | modules loaded (incl. node: builtins) | median import ms | min – max | median import CPU ms | first request ms (import + 1 GET) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    const s = samples[i];
    if (errors[i] !== null || s.length === 0) {
      lines.push(`| ${v.label} | n/a | ${(errors[i] ?? 'no runs').slice(0, 120)} | | | |`);
      continue;
    }
    const imports = s.map((x) => x.importMs);
    const first = s.map((x) => x.firstMs).filter((x): x is number => x !== null);
    lines.push(
      `| ${v.label} | ${await moduleCount(v).catch(() => Number.NaN)} | ${short(median(imports))} | ` +
        `${short(Math.min(...imports))} – ${short(Math.max(...imports))} | ${short(median(s.map((x) => x.cpuMs)))} | ` +
        `${first.length > 0 ? short(median(first)) : '—'} |`,
    );
  }
  try {
    const rows: string[] = [];
    for (const names of ['Timeout', 'HTTPError', 'PoolManager']) {
      const shaken = await shakenBytes(names, undefined);
      const whole = await shakenBytes(names, []);
      rows.push(
        `\`import { ${names} }\` ${(shaken / 1024).toFixed(1)} KiB (${(whole / 1024).toFixed(1)} KiB from the Node bundle)`,
      );
    }
    lines.push(
      '',
      'Tree-shaking, esbuild (minified, platform node; it picks the `module` condition, tsc per-file ' +
        `output, as webpack, Rollup and Vite do): ${rows.join(', ')}.`,
    );
  } catch (error) {
    lines.push('', `Tree-shaking check failed: ${String(error)}`);
  }
  return lines.join('\n');
}
