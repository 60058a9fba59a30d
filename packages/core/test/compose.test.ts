import { describe, expect, it } from 'vitest';
import {
  compose,
  type Dispatch,
  type DispatchRequest,
  type DispatchResponse,
  EMPTY_BODY,
  type Interceptor,
  Retry,
} from '../src/index.ts';

const request: DispatchRequest = {
  method: 'GET',
  scheme: 'http',
  host: 'h.test',
  port: 80,
  path: '/',
  headers: undefined,
  body: EMPTY_BODY,
  retries: Retry.DEFAULT,
  redirect: true,
  preloadContent: true,
  signal: undefined,
  options: {},
};

function response(status: number): DispatchResponse {
  return {
    status,
    headers: { get: () => null },
    retries: null,
    getRedirectLocation: () => false,
    preload: async () => undefined,
    drainConn: async () => undefined,
  };
}

describe('compose', () => {
  it('runs interceptors outermost first around the dispatch', async () => {
    const order: string[] = [];
    const named =
      (name: string): Interceptor =>
      (next) =>
      async (r) => {
        order.push(`${name}>`);
        const result = await next({ ...r, path: `${r.path}${name}` });
        order.push(`<${name}`);
        return result;
      };
    const base: Dispatch = async (r) => {
      order.push(`send ${r.path}`);
      return response(204);
    };
    const dispatch = compose(base, named('a'), named('b'));
    expect((await dispatch(request)).status).toBe(204);
    expect(order).toEqual(['a>', 'b>', 'send /ab', '<b', '<a']);
  });

  it('with no interceptors is the dispatch itself', () => {
    const base: Dispatch = async () => response(200);
    expect(compose(base)).toBe(base);
  });

  it('rejects an interceptor that is not a function or returns none, naming its index', () => {
    const base: Dispatch = async () => response(200);
    expect(() => compose(base, 'x' as unknown as Interceptor)).toThrow(
      /interceptor 0 is not a function/,
    );
    expect(() => compose(base, (() => undefined) as unknown as Interceptor)).toThrow(
      /interceptor 0 did not return a dispatch function/,
    );
  });
});
