import { describe, expect, it } from 'vitest';
import {
  compose,
  createRedirectInterceptor,
  createRedirectRetryInterceptor,
  createRetryInterceptor,
  type Dispatch,
  type DispatchRequest,
  type DispatchResponse,
  EMPTY_BODY,
  HTTPHeaderDict,
  MaxRetryError,
  ProtocolError,
  Retry,
} from '../src/index.ts';

type Step = { status: number; location?: string; retryAfter?: string } | Error;

class FakeResponse implements DispatchResponse {
  retries: Retry | null = null;
  readonly headers: HTTPHeaderDict;
  preloaded = false;
  drained = false;
  constructor(
    readonly status: number,
    location: string | undefined,
    retryAfter: string | undefined,
  ) {
    this.headers = new HTTPHeaderDict();
    if (location !== undefined) this.headers.set('Location', location);
    if (retryAfter !== undefined) this.headers.set('Retry-After', retryAfter);
  }
  getRedirectLocation(): string | false | null {
    if (![301, 302, 303, 307, 308].includes(this.status)) return false;
    return this.headers.get('location');
  }
  async preload(): Promise<unknown> {
    this.preloaded = true;
    return this;
  }
  async drainConn(): Promise<void> {
    this.drained = true;
  }
}

function request(retries: Retry): DispatchRequest {
  return {
    method: 'GET',
    scheme: 'http',
    host: 'h',
    port: 80,
    path: '/start',
    headers: undefined,
    body: EMPTY_BODY,
    retries,
    redirect: true,
    preloadContent: true,
    signal: undefined,
    options: {},
  };
}

/** Runs `steps` through a chain; returns what each attempt asked for and the outcome. */
async function run(fused: boolean, steps: Step[], retries: Retry) {
  const seen: string[] = [];
  let i = 0;
  const send: Dispatch<FakeResponse> = async (r) => {
    seen.push(`${r.method} ${r.path} total=${String(r.retries.total)}`);
    const step = steps[i++];
    if (step === undefined) throw new Error('no more steps');
    if (step instanceof Error) throw step;
    return new FakeResponse(step.status, step.location, step.retryAfter);
  };
  const dispatch = fused
    ? compose(send, createRedirectRetryInterceptor({ scope: 'same-host' }))
    : compose(send, createRedirectInterceptor({ scope: 'same-host' }), createRetryInterceptor());
  try {
    const response = await dispatch(request(retries));
    return { seen, status: response.status, preloaded: response.preloaded };
  } catch (error) {
    return { seen, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe('createRedirectRetryInterceptor', () => {
  const cases: Array<[string, Step[], Retry]> = [
    ['a plain 200', [{ status: 200 }], Retry.DEFAULT],
    [
      'a redirect, a forced retry, an error, then 200',
      [
        { status: 302, location: '/next' },
        { status: 503 },
        new ProtocolError('reset'),
        { status: 200 },
      ],
      new Retry({ total: 5, statusForcelist: [503] }),
    ],
    [
      'a 303 with Retry-After 0',
      [{ status: 303, location: '/see', retryAfter: '0' }, { status: 200 }],
      Retry.DEFAULT,
    ],
    ['a 503 with Retry-After', [{ status: 503, retryAfter: '0' }, { status: 200 }], Retry.DEFAULT],
    [
      'redirects run out',
      [
        { status: 302, location: '/a' },
        { status: 302, location: '/b' },
        { status: 302, location: '/c' },
      ],
      new Retry({ total: 10, redirect: 1 }),
    ],
    [
      'redirects run out without raising',
      [
        { status: 302, location: '/a' },
        { status: 302, location: '/b' },
      ],
      new Retry({ total: 10, redirect: 0, raiseOnRedirect: false }),
    ],
    ['a redirect to another host', [{ status: 301, location: 'http://other/x' }], Retry.DEFAULT],
    ['errors run out', [new ProtocolError('a'), new ProtocolError('b')], new Retry({ total: 1 })],
  ];

  for (const [name, steps, retries] of cases) {
    it(`behaves as redirect(retry(next)): ${name}`, async () => {
      const split = await run(false, steps, retries);
      const fused = await run(true, steps, retries);
      expect(fused).toEqual(split);
    });
  }

  it('follows a redirect and returns the preloaded final response', async () => {
    const result = await run(
      true,
      [{ status: 307, location: '/next' }, { status: 200 }],
      Retry.DEFAULT,
    );
    expect(result).toEqual({
      seen: ['GET /start total=3', 'GET /next total=2'],
      status: 200,
      preloaded: true,
    });
  });

  it('throws MaxRetryError when redirects run out', async () => {
    const result = await run(
      true,
      [
        { status: 302, location: '/a' },
        { status: 302, location: '/b' },
      ],
      new Retry({ total: 10, redirect: 0 }),
    );
    expect(result.error).toMatch(new RegExp(`^${new MaxRetryError(null, '', null).name}`));
  });
});

describe('a Location with user:pass@ (any-host scope)', () => {
  async function follow(location: string, headers: DispatchRequest['headers']) {
    const sent: DispatchRequest[] = [];
    const send: Dispatch<FakeResponse> = async (r) => {
      sent.push(r);
      return sent.length === 1
        ? new FakeResponse(302, location, undefined)
        : new FakeResponse(200, undefined, undefined);
    };
    const dispatch = compose(send, createRedirectRetryInterceptor({ scope: 'any-host' }));
    await dispatch({ ...request(Retry.DEFAULT), headers });
    return new HTTPHeaderDict(sent[1]!.headers);
  }

  it('sends Authorization from the Location credentials, replacing the previous one', async () => {
    const next = await follow('http://other:secret@h/next', {
      Authorization: 'Basic old',
      'X-A': '1',
    });
    expect(next.getlist('authorization')).toEqual(['Basic b3RoZXI6c2VjcmV0']);
    expect(next.get('x-a')).toBe('1');
  });

  it('works without headers and across hosts, and leaves a Location without userinfo alone', async () => {
    const cross = await follow('http://other:secret@elsewhere/next', undefined);
    expect(cross.getlist('authorization')).toEqual(['Basic b3RoZXI6c2VjcmV0']);
    const plain = await follow('http://elsewhere/next', { Authorization: 'Basic old' });
    expect(plain.has('authorization')).toBe(false);
  });
});
