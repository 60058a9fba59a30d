import {
  type ConnectTimings,
  type DispatchRequest,
  type RawBodyReader,
  type RequestTimings,
  requestCreateChannel,
  requestEndChannel,
  requestErrorChannel,
  requestHeadersChannel,
} from '@urlpool/core';

/**
 * The diagnostics of one attempt: made only while someone subscribes to a request channel
 * (`isRequestTraced()`), so an unwatched request reads no clock and builds no message. Publishes
 * `urlpool:request:create` when made, then `:headers` and `:end`, or `:error`.
 */
export class AttemptTrace {
  private readonly started = performance.now();
  private queued = 0;
  private connectTimings: ConnectTimings | undefined = undefined;
  private sentAt = 0;
  private headAt = 0;
  private response: { readonly status: number } | null = null;
  private body: RawBodyReader | null = null;
  private ended = false;

  constructor(
    private readonly request: DispatchRequest,
    private readonly pool: unknown,
  ) {
    if (requestCreateChannel.hasSubscribers) {
      requestCreateChannel.publish({ request, pool });
    }
  }

  /** A connection (idle or a free slot) was obtained. */
  checkedOut(): void {
    this.queued = performance.now() - this.started;
  }

  /** A new connection was opened, with what its connector measured. */
  connected(timings: ConnectTimings | undefined): void {
    this.connectTimings = timings ?? {};
  }

  /** The request was handed to the connection. */
  sent(): void {
    this.sentAt = performance.now();
  }

  /** The response head arrived. */
  headers(response: { readonly status: number }, body: RawBodyReader): void {
    this.headAt = performance.now();
    this.response = response;
    this.body = body;
    if (requestHeadersChannel.hasSubscribers) {
      requestHeadersChannel.publish({
        request: this.request,
        pool: this.pool,
        response,
        timings: this.timings(this.headAt, false),
      });
    }
  }

  /** The attempt failed before its response head. */
  error(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    if (requestErrorChannel.hasSubscribers) {
      requestErrorChannel.publish({
        request: this.request,
        pool: this.pool,
        error,
        timings: this.timings(performance.now(), false),
      });
    }
  }

  /**
   * The response gave its connection back; with `error`, because its body failed (published
   * on `:error`, with the response and the body's timing, instead of `:end`).
   */
  end(error?: Error): void {
    // Before the head, the dispatch reports the failure itself (see error()).
    if (this.ended || this.response === null) return;
    this.ended = true;
    if (error !== undefined) {
      if (requestErrorChannel.hasSubscribers) {
        requestErrorChannel.publish({
          request: this.request,
          pool: this.pool,
          error,
          response: this.response,
          timings: this.timings(performance.now(), true),
        });
      }
      return;
    }
    if (requestEndChannel.hasSubscribers) {
      requestEndChannel.publish({
        request: this.request,
        pool: this.pool,
        response: this.response,
        complete: this.body?.done ?? false,
        timings: this.timings(performance.now(), true),
      });
    }
  }

  private timings(now: number, withBody: boolean): RequestTimings {
    const connect = this.connectTimings;
    return {
      queued: this.queued,
      dns: connect?.dns,
      connect: connect?.connect,
      tls: connect?.tls,
      firstByte: this.headAt === 0 ? undefined : this.headAt - this.sentAt,
      body: withBody ? now - this.headAt : undefined,
      total: now - this.started,
    };
  }
}
