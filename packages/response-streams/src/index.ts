export { charsetFromContentType } from './charset.ts';
export { DEFAULT_STREAM_CHUNK_SIZE, HTTPResponse, REDIRECT_STATUSES } from './http-response.ts';
export type { HTTPResponseOptions, ReadOptions, StreamOptions } from './response-options.ts';
export { WebStreamBody, type WebStreamBodyOptions } from './web-stream-body.ts';
