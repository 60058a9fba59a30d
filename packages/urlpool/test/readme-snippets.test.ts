import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// Issue 10, item 17: the READMEs' snippets must run on every Node we support (>= 20.19). Each
// TypeScript or JavaScript snippet of each README is stripped of its types only (target ESNext,
// so no syntax is downlevelled) and parsed by this Node as a plain .mjs file.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READMES = [
  'README.md',
  ...readdirSync(join(ROOT, 'packages')).map((name) => join('packages', name, 'README.md')),
].filter((path) => {
  try {
    readFileSync(join(ROOT, path));
    return true;
  } catch {
    return false;
  }
});

const FENCE_RE = /^```(ts|typescript|js|javascript|mjs)\s*\n([\s\S]*?)^```/gm;
// `using` / `await using` declarations: a SyntaxError before Node 24.
const USING_RE = /^\s*(?:export\s+)?(?:await\s+)?using\s+[\p{L}_$][\p{L}\p{N}_$]*\s*=/mu;

interface Snippet {
  readme: string;
  index: number;
  code: string;
}

const snippets: Snippet[] = READMES.flatMap((readme) =>
  [...readFileSync(join(ROOT, readme), 'utf8').matchAll(FENCE_RE)].map((m, index) => ({
    readme,
    index,
    code: m[2]!,
  })),
);

const dir = mkdtempSync(join(tmpdir(), 'urlpool-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README snippets run on Node 20 (plain .mjs)', () => {
  it('finds the snippets', () => {
    expect(snippets.length).toBeGreaterThan(10);
  });

  it.each(snippets.map((s) => [`${s.readme} #${s.index + 1}`, s] as const))(
    '%s',
    (_name, snippet) => {
      expect(snippet.code, 'await using is a SyntaxError on Node 20 and 22').not.toMatch(USING_RE);
      const js = ts.transpileModule(snippet.code, {
        compilerOptions: {
          target: ts.ScriptTarget.ESNext,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: false,
        },
        reportDiagnostics: false,
      }).outputText;
      const file = join(dir, `${snippet.readme.replace(/[\\/]/g, '_')}-${snippet.index}.mjs`);
      writeFileSync(file, js);
      // Throws (with node's SyntaxError on stderr) when this Node cannot parse the snippet.
      execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' });
    },
  );
});
