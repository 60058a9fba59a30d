import {
  findInvalidFieldValueChar,
  IncompleteRead,
  InvalidChunkLength,
  isToken,
  ProtocolError,
} from '@urlpool/core';
import { type ParsedHead, parseHead } from './parse-head.ts';
import type { ResponseLimits } from './response-limits.ts';

/** Receives what the parser finds, in order: one head, body chunks, then completion. */
export interface ParserSink {
  /** A final (non-1xx) head. `hasBody` is false for HEAD, 204, 304. */
  onHead(head: ParsedHead, hasBody: boolean): void;
  /** A body slice (a view of the socket read, not a copy). */
  onBody(chunk: Buffer): void;
  /** The message is complete; bytes after it are returned by execute() as unconsumed. */
  onComplete(): void;
}

enum State {
  Idle,
  Head,
  BodyLength,
  BodyUntilClose,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  Done,
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

function latin1(buffer: Buffer, start: number, end: number): string {
  return buffer.toString('latin1', start, end);
}
const HEX = /^[0-9a-fA-F]{1,13}$/;
// RFC 9112 §7.1.1: chunk-ext = *( ";" token [ "=" ( token / quoted-string ) ] ), as strict as
// llhttp (no whitespace around the size or in extensions, no bare CR or NUL anywhere).
const CHUNK_EXTENSIONS = (() => {
  const token = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
  const quoted =
    '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"';
  // As llhttp: an empty name ("=v"), an empty value ("a=") and an empty member before another
  // (";;a") pass; a trailing ";" does not.
  const member = `(?:${token}(?:=(?:${token}|${quoted})?)?|=(?:${token}|${quoted})?)`;
  return new RegExp(`^(?:;(?:${member})?)*;${member}$`);
})();

/** Parses a chunk-size line (without its CRLF): hex size, then optional extensions (ignored). */
function parseChunkSizeLine(line: string, bodyBytes: number): number {
  const semicolon = line.indexOf(';');
  const sizeText = semicolon === -1 ? line : line.slice(0, semicolon);
  if (!HEX.test(sizeText)) throw new InvalidChunkLength(line, bodyBytes);
  if (semicolon !== -1 && !CHUNK_EXTENSIONS.test(line.slice(semicolon))) {
    throw new ProtocolError(
      `Invalid chunked encoding: malformed chunk extension ${JSON.stringify(line.slice(semicolon, semicolon + 64))}`,
    );
  }
  return Number.parseInt(sizeText, 16);
}

/** A trailer field must be "token: value" with a valid value, like a header field. */
function validateTrailerLine(line: string): void {
  const colon = line.indexOf(':');
  if (
    colon <= 0 ||
    !isToken(line.slice(0, colon)) ||
    findInvalidFieldValueChar(line.slice(colon + 1)) !== -1
  ) {
    throw new ProtocolError(
      `Invalid chunked encoding: malformed trailer field ${JSON.stringify(line.slice(0, 64))}`,
    );
  }
}

/**
 * Incremental HTTP/1.1 response parser (RFC 9112): status line and headers with limits,
 * 1xx interim responses skipped, Content-Length, chunked with extensions and trailers,
 * close-delimited bodies, and bodiless responses (HEAD, 204, 304).
 *
 * It is fed raw socket reads through {@link ResponseParser.execute} and never copies body bytes.
 */
export class ResponseParser {
  private state: State = State.Idle;
  private sink: ParserSink | null = null;
  private isHeadRequest = false;
  private pendingHead: Buffer | null = null;
  private remaining = 0;
  private line = '';
  private crlfSeen = 0;
  private trailerBytes = 0;
  private readonly limits: ResponseLimits;
  /** Body bytes (after de-chunking) delivered for the current response. */
  bodyBytes = 0;
  /** Content-Length of the current response, -1 when unknown. */
  expectedLength = -1;

  constructor(limits: ResponseLimits) {
    this.limits = limits;
  }

  /** Prepares for the response to a request made with `method`. */
  start(method: string, sink: ParserSink): void {
    this.state = State.Head;
    this.sink = sink;
    this.isHeadRequest = method === 'HEAD';
    this.pendingHead = null;
    this.bodyBytes = 0;
    this.expectedLength = -1;
    this.line = '';
  }

  /** True once a full response has been parsed. */
  get done(): boolean {
    return this.state === State.Done;
  }

  /** True while the head has not been completely received. */
  get awaitingHead(): boolean {
    return this.state === State.Head;
  }

  /** True when the body is delimited by the connection closing. */
  get untilClose(): boolean {
    return this.state === State.BodyUntilClose;
  }

  /** Raw body bytes still expected per Content-Length, or null when unknown. */
  get lengthRemaining(): number | null {
    return this.state === State.BodyLength ? this.remaining : this.expectedLength === -1 ? null : 0;
  }

  /**
   * Feeds one socket read. Returns the number of bytes consumed: less than `data.length` only
   * when the response completed and extra bytes followed it. Throws ProtocolError subclasses.
   */
  execute(data: Buffer): number {
    let offset = 0;
    const length = data.length;
    while (offset < length) {
      switch (this.state) {
        case State.Head:
          offset = this.readHead(data, offset);
          break;
        case State.BodyLength: {
          const take = Math.min(this.remaining, length - offset);
          this.remaining -= take;
          this.bodyBytes += take;
          const chunk =
            offset === 0 && take === length ? data : data.subarray(offset, offset + take);
          offset += take;
          if (this.remaining === 0) this.state = State.Done;
          this.sink!.onBody(chunk);
          if (this.state === State.Done) {
            this.sink!.onComplete();
            return offset;
          }
          break;
        }
        case State.BodyUntilClose:
          this.bodyBytes += length - offset;
          this.sink!.onBody(offset === 0 ? data : data.subarray(offset));
          return length;
        case State.ChunkSize:
          offset = this.readChunkSize(data, offset);
          break;
        case State.ChunkData: {
          const take = Math.min(this.remaining, length - offset);
          this.remaining -= take;
          this.bodyBytes += take;
          const chunk = data.subarray(offset, offset + take);
          offset += take;
          if (this.remaining === 0) {
            this.state = State.ChunkDataEnd;
            this.crlfSeen = 0;
          }
          this.sink!.onBody(chunk);
          break;
        }
        case State.ChunkDataEnd:
          offset = this.readChunkDataEnd(data, offset);
          break;
        case State.Trailers:
          offset = this.readTrailers(data, offset);
          if ((this.state as State) === State.Done) {
            this.sink!.onComplete();
            return offset;
          }
          break;
        default:
          // Idle or Done: the bytes are not ours.
          return offset;
      }
    }
    return offset;
  }

  /**
   * The peer closed the connection. Completes a close-delimited body; otherwise throws the
   * error that describes what was cut short.
   */
  finish(enforceContentLength: boolean): void {
    switch (this.state) {
      case State.BodyUntilClose:
        this.state = State.Done;
        this.sink!.onComplete();
        return;
      case State.BodyLength:
        if (!enforceContentLength) {
          this.state = State.Done;
          this.sink!.onComplete();
          return;
        }
        throw new IncompleteRead(this.bodyBytes, this.remaining);
      case State.Head:
        throw new ProtocolError(
          this.pendingHead === null
            ? 'Connection aborted: remote end closed connection without response'
            : 'Connection aborted: remote end closed connection in the middle of the response head',
        );
      case State.Trailers:
        // The last chunk arrived but the final CRLF did not: urllib3 returns the body. The
        // connection is closed, so it is never reused.
        this.state = State.Done;
        this.sink!.onComplete();
        return;
      case State.ChunkSize:
      case State.ChunkData:
      case State.ChunkDataEnd:
        throw new IncompleteRead(
          this.bodyBytes,
          this.state === State.ChunkData ? this.remaining : -1,
        );
      default:
        return;
    }
  }

  private readHead(data: Buffer, offset: number): number {
    if (this.pendingHead === null) {
      // Empty lines (CR and LF bytes) before a status line are skipped, as llhttp does
      // (RFC 9112 §2.2 robustness): they are outside any message.
      while (offset < data.length && (data[offset] === 13 || data[offset] === 10)) offset++;
      if (offset === data.length) return offset;
    }
    let buffer = data;
    let searchFrom = offset;
    if (this.pendingHead !== null) {
      const previous = this.pendingHead.length;
      buffer = Buffer.concat([this.pendingHead, offset === 0 ? data : data.subarray(offset)]);
      searchFrom = previous > 3 ? previous - 3 : 0;
      offset = 0;
      this.pendingHead = null;
    }
    const end = buffer.indexOf(CRLF_CRLF, searchFrom);
    if (end === -1) {
      if (buffer.length - offset > this.limits.maxHeadSize) {
        throw new ProtocolError(
          `Response head exceeds ${this.limits.maxHeadSize} bytes; the server sent oversized headers`,
        );
      }
      // Keep a copy: the socket may reuse nothing, but slices of big reads would pin them.
      this.pendingHead = Buffer.from(buffer.subarray(offset));
      return data.length;
    }
    if (end - offset > this.limits.maxHeadSize) {
      throw new ProtocolError(
        `Response head exceeds ${this.limits.maxHeadSize} bytes; the server sent oversized headers`,
      );
    }
    const head = parseHead(latin1(buffer, offset, end), this.limits);
    const consumedInBuffer = end + 4;
    // Translate the position back into `data` when the head spanned reads.
    const next =
      buffer === data ? consumedInBuffer : data.length - (buffer.length - consumedInBuffer);
    if (head.status === 101) {
      // urlpool never asks to switch protocols: a 101 answers some other request.
      throw new ProtocolError(
        'Unexpected 101 Switching Protocols: no upgrade was requested; the connection cannot be used',
      );
    }
    if (head.status < 200) {
      // 1xx interim response (RFC 9110 §15.2): skip it and keep reading heads.
      return next;
    }
    const bodiless = this.isHeadRequest || head.status === 204 || head.status === 304;
    if (bodiless) {
      this.state = State.Done;
      this.sink!.onHead(head, false);
      this.sink!.onComplete();
      return next;
    }
    if (head.chunked) {
      this.state = State.ChunkSize;
      this.line = '';
    } else if (head.contentLength >= 0) {
      this.expectedLength = head.contentLength;
      this.remaining = head.contentLength;
      this.state = head.contentLength === 0 ? State.Done : State.BodyLength;
    } else {
      this.state = State.BodyUntilClose;
    }
    this.sink!.onHead(head, this.state !== State.Done);
    if (this.state === State.Done) this.sink!.onComplete();
    return next;
  }

  private readChunkSize(data: Buffer, offset: number): number {
    const newline = data.indexOf(10, offset);
    const stop = newline === -1 ? data.length : newline;
    if (this.line.length + (stop - offset) > this.limits.maxChunkLineSize) {
      throw new InvalidChunkLength(
        this.line + latin1(data, offset, Math.min(stop, offset + 64)),
        this.bodyBytes,
      );
    }
    this.line += latin1(data, offset, stop);
    if (newline === -1) return data.length;
    const line = this.line;
    this.line = '';
    if (!line.endsWith('\r')) {
      throw new ProtocolError(
        'Invalid chunked encoding: chunk-size line ends with a bare LF (CRLF expected)',
      );
    }
    const size = parseChunkSizeLine(line.slice(0, -1), this.bodyBytes);
    if (size === 0) {
      this.state = State.Trailers;
      this.trailerBytes = 0;
    } else {
      this.remaining = size;
      this.state = State.ChunkData;
    }
    return newline + 1;
  }

  private readChunkDataEnd(data: Buffer, offset: number): number {
    while (offset < data.length && this.crlfSeen < 2) {
      const byte = data[offset]!;
      if (this.crlfSeen === 0 && byte === 13) {
        this.crlfSeen = 1;
      } else if (this.crlfSeen === 1 && byte === 10) {
        this.crlfSeen = 2;
      } else {
        throw new ProtocolError('Invalid chunked encoding: chunk data not followed by CRLF');
      }
      offset++;
    }
    if (this.crlfSeen === 2) {
      this.state = State.ChunkSize;
      this.line = '';
    }
    return offset;
  }

  private readTrailers(data: Buffer, offset: number): number {
    while (offset < data.length) {
      const newline = data.indexOf(10, offset);
      const stop = newline === -1 ? data.length : newline;
      this.trailerBytes += stop - offset;
      if (this.trailerBytes > this.limits.maxHeadSize) {
        throw new ProtocolError(`Response trailers exceed ${this.limits.maxHeadSize} bytes`);
      }
      this.line += latin1(data, offset, stop);
      if (newline === -1) return data.length;
      offset = newline + 1;
      const raw = this.line;
      this.line = '';
      if (!raw.endsWith('\r')) {
        throw new ProtocolError('Invalid chunked encoding: trailer line ends with a bare LF');
      }
      const line = raw.slice(0, -1);
      if (line.length === 0) {
        this.state = State.Done;
        return offset;
      }
      // Trailer fields are validated like header fields, then discarded (urllib3 does not
      // expose them either).
      validateTrailerLine(line);
    }
    return offset;
  }
}
