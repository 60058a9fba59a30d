import cliProgress from 'cli-progress';
import { formatBytes } from './format-bytes.ts';

/** Receives transfer progress; `stop()` draws the final state and ends the line. */
export interface TransferProgress {
  /** Bytes transferred so far, and the total when it became known. */
  update(loaded: number, total?: number | null): void;
  stop(): void;
}

interface Payload {
  speed: number;
  known: boolean;
  label: string;
}

function renderLine(
  options: cliProgress.Options,
  params: cliProgress.Params,
  payload: Payload,
): string {
  const elapsedMs = Date.now() - params.startTime;
  const speed = `${formatBytes(Math.round(payload.speed))}/s`;
  if (!payload.known) {
    const elapsed = cliProgress.Format.TimeFormat(Math.round(elapsedMs / 1000), options, 1);
    return `${payload.label}${formatBytes(params.value)} | ${speed} | ${elapsed}`;
  }
  const bar = cliProgress.Format.BarFormat(params.progress, options);
  const percent = `${Math.floor(params.progress * 100)}%`.padStart(4);
  const remaining = payload.speed > 0 ? (params.total - params.value) / payload.speed : Number.NaN;
  const eta = Number.isFinite(remaining)
    ? cliProgress.Format.TimeFormat(Math.ceil(remaining), options, 1)
    : '--';
  return `${payload.label}${bar} ${percent} | ${formatBytes(params.value)}/${formatBytes(params.total)} | ${speed} | ETA ${eta}`;
}

/**
 * A cli-progress bar on `stream` (a terminal), after `label`: size so far and total, speed,
 * ETA; without a known total (a chunked body), the size, speed and elapsed time.
 */
export function createProgressBar(stream: NodeJS.WritableStream, label = ''): TransferProgress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: renderLine,
      barsize: 30,
      fps: 10,
      // The cursor stays visible: a Ctrl-C mid-download must not leave the terminal without one.
      hideCursor: false,
      clearOnComplete: false,
      stopOnComplete: false,
      // Redraw on a timer too, so a stalled download shows its speed falling.
      synchronousUpdate: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(loaded, total) {
      const elapsed = Math.max(Date.now() - started, 1) / 1000;
      const known = total != null && total > 0;
      const payload: Payload = { speed: loaded / elapsed, known, label };
      if (!running) {
        bar.start(known ? total : 0, loaded, payload);
        running = true;
        return;
      }
      if (known && bar.getTotal() !== total) bar.setTotal(total);
      bar.update(loaded, payload);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
