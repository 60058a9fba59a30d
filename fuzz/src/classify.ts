import { DEFAULT_RESPONSE_LIMITS } from '@urlpool/connection';
import { ResponseParser } from '@urlpool/connection/internal';
import type { FuzzCase } from './corpus.ts';
import type { Outcome } from './outcome.ts';

/** How urlpool's outcome for one case relates to node:http's. */
export interface Verdict {
  readonly agree: boolean;
  /** Grouping key, e.g. `agree:ok` or `urlpool-rejects:ProtocolError: …`. */
  readonly key: string;
  /** The documented deliberate class this disagreement belongs to, if any. */
  readonly deliberate: string | null;
}

/**
 * Disagreements with llhttp that urlpool keeps on purpose, each explained in fuzz/README.md
 * under the same id. A disagreement matching none of them is reported as undocumented.
 */
const DELIBERATE: ReadonlyArray<{
  readonly id: string;
  readonly matches: (u: Outcome, n: Outcome, c: FuzzCase) => boolean;
}> = [
  {
    // RFC 9112 §6.3 rule 3 and urllib3: Transfer-Encoding wins, the connection is not reused.
    id: 'te-with-content-length',
    matches: (u, n) =>
      discarded(u) &&
      n.kind === 'error' &&
      /Content-Length can't be present with Transfer-Encoding|Transfer-Encoding can't be present with Content-Length/.test(
        n.detail,
      ),
  },
  {
    // Bytes after a complete response: urlpool returns the response and discards the connection.
    id: 'bytes-after-response',
    matches: (u, n, c) =>
      discarded(u) &&
      trailingBytes(c) &&
      ((n.kind === 'error' && n.name.startsWith('after-complete:')) ||
        (n.kind === 'ok' && n.status === u.status && n.body === u.body)),
  },
  {
    // A HEAD response never has a body (RFC 9110 §9.3.2): urlpool, like urllib3, reuses it.
    id: 'head-response-reuse',
    matches: (u, n, c) =>
      c.method === 'HEAD' &&
      u.kind === 'ok' &&
      u.reusable &&
      n.kind === 'ok' &&
      !n.reusable &&
      n.status === u.status,
  },
  {
    // The last chunk came but not the final CRLF before the close: urllib3 returns the body.
    id: 'missing-final-crlf',
    matches: (u, n, c) =>
      discarded(u) &&
      n.kind === 'error' &&
      /\r\n0+(?:;[^\r\n]*)?\r\n(?:(?!\r\n\r\n)[\s\S])*$/.test(text(c)),
  },
  {
    // RFC 9110 §8.6: repeated Content-Length fields with one value are one length (urllib3 too).
    id: 'repeated-equal-content-length',
    matches: (u, n, c) =>
      u.kind === 'ok' &&
      n.kind === 'error' &&
      (n.detail.includes('Duplicate Content-Length') ||
        /content-length:[ \t]*(\d+)(?:[ \t]*,[ \t]*\1)+[ \t]*\r\n/i.test(text(c))),
  },
  {
    // llhttp tolerates a bare CR in a few places (after a status line, before a status line);
    // urlpool refuses every bare CR in a head (RFC 9112 §2.2 allows either).
    id: 'bare-cr-in-head',
    matches: (u, n, c) => u.kind === 'error' && n.kind === 'ok' && /\r(?!\n)/.test(text(c)),
  },
  {
    // A status outside 100–999 is a ProtocolError (api.md); llhttp accepts 000–099.
    id: 'status-below-100',
    matches: (u, n) => u.kind === 'error' && n.kind === 'ok' && n.status < 100,
  },
  {
    // Connection: close anywhere wins over keep-alive; llhttp lets the last field decide.
    id: 'connection-close-wins',
    matches: (u, n, c) =>
      discarded(u) && n.kind === 'ok' && n.reusable && /\r\nconnection:[ \t]*close/i.test(text(c)),
  },
  {
    // An interim 1xx that is HTTP/1.0 or says Connection: close: llhttp ends the connection
    // there, urlpool (like urllib3) skips the interim head and reads the final response.
    id: 'interim-response-close',
    matches: (u, n, c) =>
      u.kind === 'ok' &&
      n.kind === 'error' &&
      /^(?:HTTP\/1\.0 1\d\d |HTTP\/1\.1 1\d\d [^\r\n]*\r\n(?:(?!\r\n\r\n)[\s\S])*connection: close)/i.test(
        text(c),
      ),
  },
  {
    // Trailer fields are discarded, so a Content-Length among them changes nothing (urllib3).
    id: 'framing-field-in-trailers',
    matches: (u, n, c) =>
      u.kind === 'ok' &&
      n.kind === 'error' &&
      /can't be present with/.test(n.detail) &&
      /\r\n0\r\n(?:[^\r\n]*\r\n)*Content-Length:/i.test(text(c)),
  },
  {
    // HTAB at the end of a framing value ("chunked<HTAB>", "Content-Length: 1<HTAB>",
    // "Connection: keep-alive<HTAB>"): RFC 9110 §5.6.3 makes HTAB whitespace like SP, so urlpool
    // trims it; llhttp does not (and then reads until close, refuses, or does not reuse).
    id: 'htab-after-framing-value',
    matches: (_u, _n, c) =>
      /(?:^|\n)(?:transfer-encoding|content-length|connection):[^\r\n]*\t\r\n/i.test(text(c)),
  },
  {
    // No upgrade is ever requested: a 101 is a ProtocolError (api.md); node:http returns it.
    id: 'unrequested-101',
    matches: (u, n) =>
      u.kind === 'error' && u.detail.startsWith('Unexpected N Switching') && n.kind === 'ok',
  },
  {
    // RFC 9110 §5.6.1: empty list members are ignored, so "chunked," ends in chunked; llhttp
    // reads such a body until close.
    id: 'empty-member-in-transfer-encoding',
    matches: (u, _n, c) =>
      u.kind !== 'timeout' && /transfer-encoding:[^\r\n]*chunked[ \t]*,[ \t,]*\r\n/i.test(text(c)),
  },
  {
    // A chunk-extension value is a token or a quoted-string (RFC 9112 §7.1.1), not both run
    // together (a=1"x"); llhttp lets that pass.
    id: 'chunk-extension-value-grammar',
    matches: (u, n, c) =>
      u.kind === 'error' &&
      u.detail.startsWith('Invalid chunked encoding: malformed chunk extension') &&
      n.kind === 'ok' &&
      /;[^\r\n;]*=[^\r\n";]+"/.test(text(c)),
  },
];

function text(c: FuzzCase): string {
  return c.bytes.toString('latin1');
}

/** urlpool returned the response and will not reuse the connection. */
function discarded(u: Outcome): u is Extract<Outcome, { kind: 'ok' }> {
  return u.kind === 'ok' && !u.reusable;
}

/** Whether urlpool's own parser (fed the whole case at once) leaves bytes after the response. */
function trailingBytes(c: FuzzCase): boolean {
  const parser = new ResponseParser(DEFAULT_RESPONSE_LIMITS);
  parser.start(c.method, { onHead: () => {}, onBody: () => {}, onComplete: () => {} });
  try {
    return parser.execute(c.bytes) < c.bytes.length;
  } catch {
    return false;
  }
}

/** Compares the two outcomes of one case. */
export function classify(u: Outcome, n: Outcome, c: FuzzCase): Verdict {
  let key: string;
  if (u.kind === 'ok' && n.kind === 'ok') {
    if (u.status !== n.status) key = 'differ:status';
    else if (u.body !== n.body) key = 'differ:body';
    else if (u.reusable !== n.reusable) key = `differ:reuse(urlpool=${u.reusable})`;
    else return { agree: true, key: 'agree:ok', deliberate: null };
  } else if (u.kind === 'error' && n.kind === 'error') {
    return { agree: true, key: 'agree:error', deliberate: null };
  } else if (n.kind === 'timeout') {
    key = `node-timeout:urlpool-${u.kind === 'error' ? u.name : u.kind}`;
  } else if (u.kind === 'ok' && n.kind === 'error') {
    key = `urlpool-accepts:${n.name}`;
  } else if (u.kind === 'error' && n.kind === 'ok') {
    key = `urlpool-rejects:${u.name}: ${u.detail}`;
  } else {
    key = `other:${u.kind}/${n.kind}`;
  }
  const deliberate = DELIBERATE.find((d) => d.matches(u, n, c))?.id ?? null;
  return { agree: false, key, deliberate };
}
