export { charsetFromContentType } from './charset.ts';
export { DEFAULT_STREAM_CHUNK_SIZE, HTTPResponse, REDIRECT_STATUSES } from './http-response.ts';
export type { HTTPResponseOptions, ReadOptions, StreamOptions } from './response-options.ts';
