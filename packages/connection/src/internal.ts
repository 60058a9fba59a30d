// `@urlpool/connection/internal`: the HTTP/1.1 machinery behind HTTPConnection, for urlpool's
// own tools (the differential fuzzer). Not part of the public contract: it may change in any
// release.
export { type BodyFlowControl, BodyReader } from './body-reader.ts';
export { type ParsedHead, parseHead } from './parse-head.ts';
export { type RenderedHead, renderRequestHead } from './request-head.ts';
export { type ParserSink, ResponseParser } from './response-parser.ts';
export { writeRequest } from './write-request.ts';
