import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HTTPConnectionPool, HTTPSConnectionPool } from '@urlpool/pool';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/option-typos.ts', import.meta.url));
// The fixture without its @ts-expect-error directives, compiled in the same program.
const STRIPPED = fileURLToPath(new URL('./fixtures/option-typos.stripped.ts', import.meta.url));

function isDirective(line: string): boolean {
  return line.trim().startsWith('// @ts-expect-error');
}

/** What a consumer's `tsc --strict` reports for each of `files` (path → source). */
function diagnose(files: ReadonlyMap<string, string>): Map<string, ts.Diagnostic[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    // Inside the repo the packages resolve to their sources (no build needed).
    customConditions: ['@urlpool/source'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const result = new Map<string, ts.Diagnostic[]>([...files.keys()].map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName;
    if (name === undefined) throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    result.get(name)?.push(d);
  }
  return result;
}

function lineOf(d: ts.Diagnostic): number {
  return d.file!.getLineAndCharacterOfPosition(d.start!).line;
}

describe('closed option types (issue 10, item 15)', () => {
  it('option typos do not compile under --strict, correct options do', { timeout: 60_000 }, () => {
    const source = readFileSync(FIXTURE, 'utf8');
    const lines = source.split('\n');
    const stripped = lines.map((line) => (isDirective(line) ? '' : line)).join('\n');
    const results = diagnose(
      new Map([
        [FIXTURE, source],
        [STRIPPED, stripped],
      ]),
    );
    // As written, every @ts-expect-error is used (an unused one would be TS2578).
    const asWritten = results.get(FIXTURE)!;
    expect(asWritten.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    // Without the directives, exactly the marked lines (0-based: the line after each) fail.
    const marked = lines.flatMap((line, i) => (isDirective(line) ? [i + 1] : []));
    expect(marked.length).toBe(5);
    const errors = results.get(STRIPPED)!;
    expect(errors.map(lineOf).sort((a, b) => a - b)).toEqual(marked);
    for (const error of errors) {
      const text = ts.flattenDiagnosticMessageText(error.messageText, '\n');
      expect(text).toMatch(/maxSize|num_pools|caCert'/);
    }
  });
});

describe('unknown options throw in the constructor (issue 10, item 15)', () => {
  it.each([
    ['maxSize', 'maxsize'],
    ['num_pools', 'numPools'],
    ['caCert', 'caCerts'],
  ])('new PoolManager({ %s }) throws, suggesting %s', (key, suggestion) => {
    expect(() => new PoolManager({ [key]: 1 } as never)).toThrow(TypeError);
    expect(() => new PoolManager({ [key]: 1 } as never)).toThrow(
      `Unknown PoolManager option "${key}"; did you mean "${suggestion}"?`,
    );
  });

  it('pools throw for typos too, with a suggestion', () => {
    expect(() => new HTTPConnectionPool('h', { maxSize: 1 } as never)).toThrow(
      /Unknown connection pool option "maxSize"; did you mean "maxsize"\?/,
    );
    expect(() => new HTTPSConnectionPool('h', { caCert: 'x' } as never)).toThrow(
      /did you mean "caCerts"\?/,
    );
  });

  it('accepts every pool and TLS option name', () => {
    const manager = new PoolManager({
      numPools: 2,
      maxsize: 3,
      block: false,
      certReqs: 'CERT_NONE',
    });
    expect(manager.numPools).toBe(2);
  });
});
