import { encodeMultipartFormdata, RequestField } from '../packages/core/src/index.ts';
const show = (x: any) => console.log(JSON.stringify(x.body.toString('latin1')), x.contentType);
const f = new RequestField('somename', 'data', { headers: { 'Content-Type': 'image/jpeg' } });
show(encodeMultipartFormdata([f] as any, 'boundary'));
const g = new RequestField('somename', 'data', { headers: { 'Content-Type': 'image/jpeg' } });
g.makeMultipart({ contentType: 'image/jpeg' } as any);
show(encodeMultipartFormdata([g] as any, 'boundary'));
try { show(encodeMultipartFormdata([['k', 'v']] as any, 'bou\r\nndary')); } catch (e) { console.log(String(e)); }
