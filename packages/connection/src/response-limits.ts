/** Limits applied while parsing a response head; exceeding one is a ProtocolError. */
export interface ResponseLimits {
  /** Maximum bytes of status line plus headers. @default 65536 */
  readonly maxHeadSize: number;
  /** Maximum number of header fields (Python's http.client uses 100). @default 100 */
  readonly maxHeaders: number;
  /** Maximum length of one chunk-size line (with extensions). @default 4096 */
  readonly maxChunkLineSize: number;
}

/** The limits used unless a connection is given others. */
export const DEFAULT_RESPONSE_LIMITS: ResponseLimits = {
  maxHeadSize: 65536,
  maxHeaders: 100,
  maxChunkLineSize: 4096,
};
