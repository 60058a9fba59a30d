import { abortError, ConnectTimeoutError, ReadTimeoutError, type Timeout } from '@urlpool/core';

type TimerHandle = ReturnType<typeof setTimeout>;

/**
 * The abort signal and timers of one fetch attempt. Every way an attempt can end early (the
 * caller's signal, the time to the response head, a read wait, the total deadline) aborts one
 * `AbortController` whose signal goes to `fetch`, so the runtime cancels the request and the
 * body stream; the first reason is kept and is what every later failure reports.
 *
 * Fetch cannot tell connecting from waiting for the answer, so the time to the headers is
 * bounded by `connect + read` (each when set). When it runs out the error is a
 * `ReadTimeoutError` if `read` is set (the request may have reached the server: Retry then
 * retries only idempotent methods), a `ConnectTimeoutError` if only `connect` is.
 */
export class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #user: AbortSignal | undefined;
  readonly #timeout: Timeout;
  readonly #pool: unknown;
  readonly #url: string;
  #failure: Error | null = null;
  #head: TimerHandle | undefined;
  #total: TimerHandle | undefined;
  #read: TimerHandle | undefined;
  #finished = false;

  constructor(user: AbortSignal | undefined, timeout: Timeout, pool: unknown, url: string) {
    this.#user = user;
    this.#timeout = timeout;
    this.#pool = pool;
    this.#url = url;
    timeout.startConnect();
    if (user !== undefined) {
      if (user.aborted) this.fail(abortError(user));
      else user.addEventListener('abort', this);
    }
    // The raw durations: `total` has its own timer, which reports itself.
    const connect = timeout.connect;
    const read = timeout.read;
    const head = connect !== undefined && read !== undefined ? connect + read : (connect ?? read);
    if (head !== undefined) {
      this.#head = setTimeout(() => this.fail(this.#headTimeout(connect, read)), head);
    }
    const total = timeout.total;
    if (total !== undefined) {
      this.#total = setTimeout(
        () =>
          this.fail(new ReadTimeoutError(pool, url, `Read timed out. (total timeout=${total}ms)`)),
        total,
      );
    }
  }

  /** The signal to give `fetch`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The first reason the attempt was aborted for, or null. */
  get failure(): Error | null {
    return this.#failure;
  }

  /** The caller's signal fired (`addEventListener` with an object: no closure per attempt). */
  handleEvent(): void {
    if (this.#user !== undefined) this.fail(abortError(this.#user));
  }

  /** Aborts the attempt with `error` unless it already failed or finished. */
  fail(error: Error): void {
    if (this.#failure !== null || this.#finished) return;
    this.#failure = error;
    this.#controller.abort(error);
    this.finish();
  }

  /**
   * The head arrived: the head timer stops; the total deadline goes on until the body ends
   * when it is preloaded (`keepTotal`), and stops now when the caller streams the body.
   */
  headersReceived(keepTotal: boolean): void {
    clearTimeout(this.#head);
    this.#head = undefined;
    if (!keepTotal) {
      clearTimeout(this.#total);
      this.#total = undefined;
    }
  }

  /** A body read starts waiting: arms the read timeout. */
  startRead(): void {
    const read = this.#timeout.read;
    if (read === undefined || this.#finished) return;
    clearTimeout(this.#read);
    this.#read = setTimeout(
      () =>
        this.fail(
          new ReadTimeoutError(this.#pool, this.#url, `Read timed out. (read timeout=${read}ms)`),
        ),
      read,
    );
  }

  /** A body read got its chunk. */
  endRead(): void {
    clearTimeout(this.#read);
    this.#read = undefined;
  }

  /**
   * The error to report for `error` thrown by fetch or the body stream: the abort reason when
   * this attempt was aborted (runtimes reject with their own AbortError or the reason),
   * otherwise `error` itself.
   */
  reported(error: unknown): unknown {
    return this.#failure ?? error;
  }

  /** The attempt is over (body read, response closed, or failed): timers and listener go. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    clearTimeout(this.#head);
    clearTimeout(this.#total);
    clearTimeout(this.#read);
    this.#user?.removeEventListener('abort', this);
  }

  #headTimeout(connect: number | undefined, read: number | undefined): Error {
    if (read !== undefined) {
      return new ReadTimeoutError(
        this.#pool,
        this.#url,
        `Read timed out. (no response headers within connect + read timeout=${(connect ?? 0) + read}ms)`,
      );
    }
    return new ConnectTimeoutError(
      `Connection to ${hostOf(this.#url)} timed out. (connect timeout=${connect}ms)`,
    );
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
