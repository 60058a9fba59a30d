import { usageError } from './cli-error.ts';

/** One `-F` argument, parsed; files are opened when the request is built. */
export type FormFieldSpec =
  | { readonly kind: 'text'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'file';
      readonly name: string;
      /** Path of the file, streamed as the part's data. */
      readonly path: string;
      /** `;filename=` or the path's base name. */
      readonly filename: string;
      /** `;type=`, else guessed from the file name by the library. */
      readonly type: string | undefined;
    }
  | { readonly kind: 'file-text'; readonly name: string; readonly path: string };

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * Parses `-F` as curl does: `name=value` (text), `name=@path` (a file part, streamed),
 * `name=<path` (a text part holding the file's contents), with `;type=mime` and
 * `;filename=name` after a path.
 */
export function parseFormField(arg: string): FormFieldSpec {
  const eq = arg.indexOf('=');
  if (eq <= 0) {
    throw usageError(
      `-F ${JSON.stringify(arg)} has no name: write -F name=value, -F name=@file or -F 'name=@file;type=text/plain'.`,
    );
  }
  const name = arg.slice(0, eq);
  const value = arg.slice(eq + 1);
  const sigil = value[0];
  if (sigil !== '@' && sigil !== '<') return { kind: 'text', name, value };
  const [path = '', ...params] = value.slice(1).split(';');
  if (path === '') throw usageError(`-F ${JSON.stringify(arg)} names no file after '${sigil}'.`);
  if (sigil === '<') return { kind: 'file-text', name, path };
  let type: string | undefined;
  let filename = baseName(path);
  for (const param of params) {
    const p = param.trim();
    if (p.startsWith('type=')) type = p.slice(5);
    else if (p.startsWith('filename=')) filename = p.slice(9).replace(/^"(.*)"$/, '$1');
    else if (p !== '') {
      throw usageError(
        `-F ${JSON.stringify(arg)}: unknown parameter ${JSON.stringify(p)} (use ;type= or ;filename=).`,
      );
    }
  }
  return { kind: 'file', name, path, filename, type };
}
