import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** One request as the test server received it, in arrival order. */
export interface RecordedRequest {
  /** Request method, e.g. `GET`. */
  readonly method: string;
  /** Request target as sent (path and query), e.g. `/get?a=1`. */
  readonly url: string;
  /** HTTP version from the request line, e.g. `1.1`. */
  readonly httpVersion: string;
  /** Header lines in arrival order with their original case. */
  readonly rawHeaders: ReadonlyArray<readonly [name: string, value: string]>;
  /** Headers keyed by lowercase name (node:http's merge rules). */
  readonly headers: IncomingHttpHeaders;
  /** Full request body (empty for `/drain`, which never buffers). */
  readonly body: Buffer;
  /** Server-side connection number (1-based), equal for requests on the same socket. */
  readonly socketId: number;
}

/** State shared by all routes of one test server. */
export interface ServerState {
  /** `http://host:port` of the server (IPv6 hosts in brackets). */
  readonly origin: string;
  /** Attempts seen per `/retry` key. */
  readonly retryAttempts: Map<string, number>;
}

/** What a route handler gets for one request. */
export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Parsed request target (relative to the server origin). */
  readonly url: URL;
  /** Buffered request body (empty when the route streams the body itself). */
  readonly body: Buffer;
  /** Server-side connection number. */
  readonly socketId: number;
  readonly state: ServerState;
}

/** A route handler; `params` are the regular expression's capture groups. */
export type RouteHandler = (ctx: RouteContext, params: readonly string[]) => void | Promise<void>;

/** One entry of the route table. */
export interface Route {
  readonly pattern: RegExp;
  readonly handler: RouteHandler;
  /** When true the body is not buffered and the handler reads `req` itself. */
  readonly streamsBody?: boolean;
}
