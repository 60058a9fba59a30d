// Rewrites relative `.ts` / `.mts` / `.cts` specifiers in emitted declaration files to `.js` /
// `.mjs` / `.cjs`. tsc's `rewriteRelativeImportExtensions` rewrites the JavaScript it emits but not
// the `.d.ts` (microsoft/TypeScript#61037), and TypeScript before 5.0 (and some editors) cannot
// resolve a `.ts` specifier inside a declaration file. The replacement keeps every line's length,
// so declaration maps stay exact. Usage: node dts-js-extensions.mjs [dir] (default: dist).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `from '…'`, `import '…'`, `import('…')`, `declare module '…'`, `/// <reference path="…" />`
// are all quoted relative specifiers; only relative ones ('./', '../') are ours to rewrite.
const SPECIFIER = /(['"])(\.{1,2}\/[^'"\n]*?)(?<!\.d)\.([mc]?)ts\1/g;

function rewriteDeclaration(text) {
  return text.replace(
    SPECIFIER,
    (_m, quote, path, flavour) => `${quote}${path}.${flavour}js${quote}`,
  );
}

function* declarationFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* declarationFiles(path);
    else if (/\.d\.[mc]?ts$/.test(entry.name)) yield path;
  }
}

const dir = process.argv[2] ?? 'dist';
for (const file of declarationFiles(dir)) {
  const before = readFileSync(file, 'utf8');
  const after = rewriteDeclaration(before);
  if (after !== before) writeFileSync(file, after);
}
