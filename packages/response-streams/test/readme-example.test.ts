import { describe, expect, it } from 'vitest';
import { HTTPResponse } from '../src/index.ts';

// Mirrors the README's "A response built by hand" example so it cannot rot.
describe('README example', () => {
  it('a response built by hand', async () => {
    const r = new HTTPResponse({
      status: 200,
      reason: 'OK',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"hello":"wörld"}',
    });
    expect([r.versionString, r.status, r.reason]).toEqual(['HTTP/1.1', 200, 'OK']);
    expect(r.json()).toEqual({ hello: 'wörld' });
    expect(r.text()).toBe('{"hello":"wörld"}');
    expect(r.getRedirectLocation()).toBe(false);
    const sizes: number[] = [];
    for await (const chunk of r.stream(8)) sizes.push(chunk.length);
    expect(sizes).toEqual([8, 8, 2]);
  });
});
