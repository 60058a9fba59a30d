import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { formatMs } from './format-bytes.ts';

// The shapes urlpool publishes on its `urlpool:*` diagnostics channels, as far as -v reads them.
interface PhaseTimings {
  readonly queued?: number;
  readonly dns?: number;
  readonly connect?: number;
  readonly tls?: number;
  readonly firstByte?: number;
  readonly body?: number;
  readonly total?: number;
}
interface ConnectedMessage {
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  readonly alpnProtocol: string | null;
  readonly timings?: PhaseTimings;
}
interface RequestMessage {
  readonly request?: { readonly method?: string; readonly host?: string; readonly path?: string };
  readonly timings?: PhaseTimings;
  readonly error?: Error;
  readonly complete?: boolean;
}

const PHASES: readonly (keyof PhaseTimings)[] = [
  'queued',
  'dns',
  'connect',
  'tls',
  'firstByte',
  'body',
  'total',
];
const PHASE_LABELS: Readonly<Record<keyof PhaseTimings, string>> = {
  queued: 'queued',
  dns: 'dns',
  connect: 'connect',
  tls: 'tls',
  firstByte: 'first byte',
  body: 'body',
  total: 'total',
};

/** `dns 1.2 ms, connect 0.3 ms, ...` for the phases that were measured. */
export function formatTimings(timings: PhaseTimings): string {
  return PHASES.filter((phase) => typeof timings[phase] === 'number')
    .map((phase) => `${PHASE_LABELS[phase]} ${formatMs(timings[phase] as number)}`)
    .join(', ');
}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * `-v`'s view of the library: subscribes to urlpool's diagnostics channels (connection opened,
 * response head, end of body, failed attempt) and writes `* ` lines with each phase's time.
 * Every retry and redirect is an attempt of its own. `stop()` unsubscribes.
 */
export class VerboseTrace {
  readonly #write: (line: string) => void;
  readonly #handlers: [string, (message: unknown) => void][];
  /** True once the library published any timing (else the CLI reports its own). */
  traced = false;

  /** `onAttempt` runs as each attempt (first, retry, redirect) starts. */
  constructor(write: (line: string) => void, onAttempt: () => void = () => {}) {
    this.#write = write;
    this.#handlers = [
      ['urlpool:request:create', () => onAttempt()],
      ['urlpool:connection:connect', (m) => this.#onConnect(m as ConnectedMessage)],
      ['urlpool:connection:connected', (m) => this.#onConnected(m as ConnectedMessage)],
      ['urlpool:request:headers', (m) => this.#onPhase('response head', m as RequestMessage)],
      ['urlpool:request:end', (m) => this.#onEnd(m as RequestMessage)],
      ['urlpool:request:error', (m) => this.#onError(m as RequestMessage)],
    ];
    for (const [name, handler] of this.#handlers) subscribe(name, handler);
  }

  #onConnect(message: ConnectedMessage): void {
    this.#write(`* Connecting to ${hostPort(message.host, message.port)} (${message.scheme})`);
  }

  #onConnected(message: ConnectedMessage): void {
    this.traced = true;
    const alpn = message.alpnProtocol === null ? '' : `, ALPN ${message.alpnProtocol}`;
    const timings = message.timings === undefined ? '' : ` (${formatTimings(message.timings)})`;
    this.#write(`* Connected to ${hostPort(message.host, message.port)}${alpn}${timings}`);
  }

  #onPhase(what: string, message: RequestMessage): void {
    if (message.timings === undefined) return;
    this.traced = true;
    this.#write(`* Timings to the ${what}: ${formatTimings(message.timings)}`);
  }

  #onEnd(message: RequestMessage): void {
    const complete = message.complete === false ? ' (body not read to its end)' : '';
    this.#onPhase(`end of the body${complete}`, message);
  }

  #onError(message: RequestMessage): void {
    const timings = message.timings === undefined ? '' : ` after ${formatTimings(message.timings)}`;
    this.#write(`* Attempt failed${timings}: ${message.error?.message ?? 'unknown error'}`);
  }

  stop(): void {
    for (const [name, handler] of this.#handlers) unsubscribe(name, handler);
  }
}
