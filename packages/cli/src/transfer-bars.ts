import type { ProgressListener } from '@urlpool/core';
import { createProgressBar, type TransferProgress } from './progress-bar.ts';

/** The bars of one run, fed by the library's onUploadProgress / onDownloadProgress. */
export interface TransferBars {
  /** For `onUploadProgress`: the request body handed to the socket. */
  readonly onUpload: ProgressListener;
  /** For `onDownloadProgress`: response body bytes as received, Content-Length as total. */
  readonly onDownload: ProgressListener;
  /**
   * The final response arrived: downloads reported from now on are its body (those before
   * were redirects or retried responses being drained).
   */
  finalResponse(): void;
  /** Draws the last state of the open bar and ends its line. */
  stop(): void;
}

/**
 * An upload bar while a request body is sent (`↑`), then a download bar for the final
 * response's body (`↓`), on `stream` (a terminal).
 */
export function createTransferBars(stream: NodeJS.WritableStream, hasBody: boolean): TransferBars {
  let upload: TransferProgress | null = null;
  let download: TransferProgress | null = null;
  let final = false;
  return {
    onUpload({ loaded, total }) {
      if (!hasBody || download !== null) return;
      upload ??= createProgressBar(stream, '↑ ');
      upload.update(loaded, total);
    },
    onDownload({ loaded, total }) {
      if (!final) return;
      if (download === null) {
        upload?.stop();
        download = createProgressBar(stream, hasBody ? '↓ ' : '');
      }
      download.update(loaded, total);
    },
    finalResponse() {
      final = true;
    },
    stop() {
      (download ?? upload)?.stop();
    },
  };
}
