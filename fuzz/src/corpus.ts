import type { Rng } from './rng.ts';

/** One generated case: the request method and the exact response bytes. */
export interface FuzzCase {
  readonly method: 'GET' | 'HEAD';
  readonly bytes: Buffer;
}

function body(rng: Rng): string {
  const length = rng.int(4) === 0 ? 0 : 1 + rng.int(24);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(97 + rng.int(26));
  return text;
}

function extraHeaders(rng: Rng): string {
  const options = [
    'Server: fuzz\r\n',
    'X-A: a b\r\n',
    'Content-Type: text/plain\r\n',
    'Connection: keep-alive\r\n',
    'Connection: close\r\n',
    'X-Tab:\tv\t\r\n',
    'X-Empty:\r\n',
    'X-Obs: caf\xe9\r\n',
  ];
  let text = '';
  for (let n = rng.int(3); n > 0; n--) text += rng.pick(options);
  return text;
}

function chunkedBody(rng: Rng, text: string): string {
  let out = '';
  let rest = text;
  while (rest.length > 0) {
    const size = 1 + rng.int(rest.length);
    const ext = rng.chance(0.2) ? rng.pick([';a', ';a=b', ';q="x y"', ';a=1;b']) : '';
    out += `${size.toString(16)}${ext}\r\n${rest.slice(0, size)}\r\n`;
    rest = rest.slice(size);
  }
  const trailer = rng.chance(0.2) ? 'X-Trailer: t\r\n' : '';
  return `${out}0\r\n${trailer}\r\n`;
}

/** A valid response of one of the framings urlpool reads, before mutation. */
export function validResponse(rng: Rng): FuzzCase {
  const method = rng.chance(0.1) ? 'HEAD' : 'GET';
  const text = body(rng);
  const version = rng.chance(0.15) ? '1.0' : '1.1';
  const status = rng.pick([200, 200, 200, 201, 204, 206, 304, 404, 500, 302]);
  const line = `HTTP/${version} ${status} ${rng.pick(['OK', 'X', '', 'Some Reason'])}\r\n`;
  const interim = rng.chance(0.05) ? 'HTTP/1.1 100 Continue\r\n\r\n' : '';
  let head: string;
  let payload = text;
  switch (rng.int(5)) {
    case 0:
    case 1:
      head = `Content-Length: ${text.length}\r\n`;
      break;
    case 2:
      head = 'Transfer-Encoding: chunked\r\n';
      payload = chunkedBody(rng, text);
      break;
    case 3:
      head = rng.pick(['', 'Transfer-Encoding: gzip\r\n', 'Transfer-Encoding: gzip, chunked\r\n']);
      if (head.endsWith('chunked\r\n')) payload = chunkedBody(rng, text);
      break;
    default:
      head = `Transfer-Encoding: chunked\r\nContent-Length: ${text.length}\r\n`;
      payload = chunkedBody(rng, text);
  }
  if (method === 'HEAD' || status === 204 || status === 304) payload = '';
  const bytes = Buffer.from(`${interim}${line}${extraHeaders(rng)}${head}\r\n${payload}`, 'latin1');
  return { method, bytes };
}
