export { createDecoderStream } from '#platform/decoder-transform';
export { supportedEncodings } from '#platform/supported-encodings';
export { isDecodingNeeded, MAX_DECODE_LINKS } from './codings.ts';
export { createDecodingSource, type DecodingOptions } from './create-decoding-source.ts';
export { decodeBuffer } from './decode-buffer.ts';
export { decodeStream } from './decode-stream.ts';
