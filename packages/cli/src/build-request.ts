import type { Readable } from 'node:stream';
import { type FieldValue, Retry } from '@urlpool/core';
import { supportedEncodings } from '@urlpool/decoders';
import type { RequestOptions } from '@urlpool/pool';
import { usageError } from './cli-error.ts';
import type { BodySpec, ResolvedCliOptions } from './cli-options.ts';
import { openFileStream, readDataArg, readTextFile } from './read-input.ts';

function hasHeader(headers: readonly (readonly [string, string])[], name: string): boolean {
  return headers.some(([n]) => n.toLowerCase() === name);
}

async function buildBody(
  body: BodySpec,
  headers: [string, string][],
  stdin: Readable,
): Promise<Pick<RequestOptions, 'body' | 'fields'>> {
  if (body.kind === 'form') {
    const fields: [string, FieldValue][] = [];
    for (const field of body.fields) {
      if (field.kind === 'text') fields.push([field.name, field.value]);
      else if (field.kind === 'file-text') {
        fields.push([field.name, await readTextFile('-F', field.path)]);
      } else {
        const stream = await openFileStream('-F', field.path);
        fields.push([
          field.name,
          field.type === undefined
            ? [field.filename, stream]
            : [field.filename, stream, field.type],
        ]);
      }
    }
    return { fields };
  }
  const option = body.kind === 'json' ? '--json' : '-d';
  const parts: Buffer[] = [];
  for (const part of body.parts) parts.push(await readDataArg(option, part, stdin));
  // curl joins -d parts with '&' (form fields) and --json parts with nothing (one document).
  const joined = Buffer.concat(
    body.kind === 'data' ? parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('&'), p])) : parts,
  );
  if (body.kind === 'json') {
    try {
      JSON.parse(joined.toString('utf8'));
    } catch (error) {
      throw usageError(
        `--json: the body is not valid JSON (${(error as Error).message}); check the quoting in your shell, or send it with -d.`,
      );
    }
  } else if (!hasHeader(headers, 'content-type')) {
    headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  return { body: joined };
}

function buildRetry(options: ResolvedCliOptions): Retry {
  const n = options.retries;
  return new Retry({
    total: null,
    connect: n,
    read: n,
    other: n,
    status: n,
    statusForcelist: options.retryStatuses,
    backoffFactor: options.retryBackoff,
    redirect: options.followRedirects ? options.maxRedirects : false,
    // The last response is shown when status retries run out, as curl --retry does.
    raiseOnStatus: false,
  });
}

/**
 * The library request options for the command line: headers, body or multipart fields (files
 * streamed), Retry, Timeout, size cap, decoding. The response is streamed (`preloadContent:
 * false`) so `-o` writes as bytes arrive.
 */
export async function buildRequestOptions(
  options: ResolvedCliOptions,
  stdin: Readable,
): Promise<RequestOptions> {
  const headers = options.headers.map(([n, v]) => [n, v] as [string, string]);
  if (options.compressed && !hasHeader(headers, 'accept-encoding')) {
    headers.push(['Accept-Encoding', supportedEncodings().join(', ')]);
  }
  const body = options.body === null ? {} : await buildBody(options.body, headers, stdin);
  const request: RequestOptions = {
    ...body,
    headers,
    retries: buildRetry(options),
    redirect: options.followRedirects,
    preloadContent: false,
    decodeContent: !options.raw,
  };
  if (Object.keys(options.timeout).length > 0) request.timeout = { ...options.timeout };
  if (options.maxSize !== undefined) request.maxDecodedSize = options.maxSize;
  return request;
}
