import type { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Route, RouteContext } from '../types.ts';
import { headerObject, queryArgs, sendBody, sendJson } from '../util.ts';

/** Form fields and files parsed by the Web `Request.formData()` built into Node. */
interface ParsedForm {
  fields: Record<string, string | string[]>;
  files: Record<string, { filename: string; type: string; content: string; size: number }[]>;
}

function isTextual(body: Buffer): boolean {
  // Round-tripping through UTF-8 loses nothing only for valid UTF-8.
  return Buffer.from(body.toString('utf8'), 'utf8').equals(body);
}

async function parseForm(ctx: RouteContext): Promise<ParsedForm | null> {
  const type = ctx.req.headers['content-type'] ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) return null;
  try {
    const request = new Request('http://test.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(
        ctx.body.buffer,
        ctx.body.byteOffset,
        ctx.body.length,
      ) as Uint8Array<ArrayBuffer>,
    });
    const data = await request.formData();
    const form: ParsedForm = { fields: {}, files: {} };
    for (const [name, value] of data) {
      if (typeof value === 'string') {
        const prev = form.fields[name];
        if (prev === undefined) form.fields[name] = value;
        else if (Array.isArray(prev)) prev.push(value);
        else form.fields[name] = [prev, value];
      } else {
        const bytes = Buffer.from(await value.arrayBuffer());
        const list = (form.files[name] ??= []);
        list.push({
          filename: value.name,
          type: value.type,
          content: bytes.toString('utf8'),
          size: bytes.length,
        });
      }
    }
    return form;
  } catch {
    return null;
  }
}

function parseJson(ctx: RouteContext): unknown {
  if (ctx.body.length === 0) return null;
  try {
    return JSON.parse(ctx.body.toString('utf8'));
  } catch {
    return null;
  }
}

function clientAddress(ctx: RouteContext): string {
  return ctx.req.socket.remoteAddress ?? '';
}

function peerCertificate(ctx: RouteContext): { subject: string; fingerprint256: string } | null {
  const socket = ctx.req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerX509Certificate !== 'function') return null;
  const cert: X509Certificate | undefined = socket.getPeerX509Certificate();
  return cert ? { subject: cert.subject, fingerprint256: cert.fingerprint256 } : null;
}

async function anything(ctx: RouteContext): Promise<void> {
  const textual = isTextual(ctx.body);
  sendJson(ctx.res, 200, {
    method: ctx.req.method,
    url: ctx.state.origin + ctx.req.url,
    path: ctx.url.pathname,
    args: queryArgs(ctx.url),
    headers: headerObject(ctx.req.rawHeaders),
    origin: clientAddress(ctx),
    httpVersion: ctx.req.httpVersion,
    socketId: ctx.socketId,
    bodyLength: ctx.body.length,
    data: textual ? ctx.body.toString('utf8') : '',
    dataBase64: ctx.body.toString('base64'),
    json: parseJson(ctx),
    form: await parseForm(ctx),
    clientCert: peerCertificate(ctx),
  });
}

/** `/get`, `/anything[/...]`, `/headers`, `/user-agent`, `/echo-body`, `/ip`. */
export const echoRoutes: readonly Route[] = [
  {
    pattern: /^\/get$/,
    handler: (ctx) =>
      sendJson(ctx.res, 200, {
        args: queryArgs(ctx.url),
        headers: headerObject(ctx.req.rawHeaders),
        url: ctx.state.origin + ctx.req.url,
        origin: clientAddress(ctx),
        socketId: ctx.socketId,
      }),
  },
  { pattern: /^\/anything(?:\/.*)?$/, handler: anything },
  // httpbin's verb routes echo like /anything; the method is not enforced.
  { pattern: /^\/(?:post|put|patch|delete)$/, handler: anything },
  {
    pattern: /^\/headers$/,
    handler: (ctx) => sendJson(ctx.res, 200, { headers: headerObject(ctx.req.rawHeaders) }),
  },
  {
    pattern: /^\/user-agent$/,
    handler: (ctx) =>
      sendJson(ctx.res, 200, { 'user-agent': ctx.req.headers['user-agent'] ?? null }),
  },
  { pattern: /^\/ip$/, handler: (ctx) => sendJson(ctx.res, 200, { origin: clientAddress(ctx) }) },
  {
    pattern: /^\/echo-body$/,
    handler: (ctx) =>
      sendBody(
        ctx.res,
        200,
        ctx.req.headers['content-type'] ?? 'application/octet-stream',
        ctx.body,
      ),
  },
];
