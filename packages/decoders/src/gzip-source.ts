import { crc32, createInflateRaw } from 'node:zlib';
import type { ChunkSource } from '@urlpool/core';
import { decodeFailure } from './decode-error.ts';
import { DecoderSource } from './decoder-source.ts';
import { NEED_MORE, parseGzipHeader } from './gzip-header.ts';
import { ZLIB_OPTIONS, ZlibPump, type ZlibTransform } from './zlib-pump.ts';

const HEADER = 0;
const BODY = 1;
const TRAILER = 2;
/** A header this long (FEXTRA + FNAME + FCOMMENT) is not a real one. */
const MAX_HEADER = 1 << 20;

/**
 * gzip decoding (RFC 1952) with urllib3's multi-member rules: members are decoded one after
 * another; once at least one member is complete, anything that fails to decode (trailing
 * garbage, zero padding, a corrupt or cut-off further member) ends the body quietly, while any
 * failure inside the first member is a `DecodeError`.
 *
 * Node's `Gunzip` cannot do this (on trailing garbage it fails and drops the output of the
 * same write), so members are framed here: the header is parsed in JS, the deflate data goes
 * through `InflateRaw`, and the CRC-32 / length trailer is checked with `zlib.crc32`.
 */
export class GzipSource extends DecoderSource {
  private state = HEADER;
  private pending: Buffer | null = null;
  private pump: ZlibPump | null = null;
  private members = 0;
  private crc = 0;
  private size = 0;

  constructor(upstream: ChunkSource, coding = 'gzip') {
    super(upstream, coding);
  }

  protected async produce(): Promise<Buffer | null> {
    for (;;) {
      if (this.state === BODY) {
        const pump = this.pump!;
        const chunk = this.tryProduce();
        if (chunk !== undefined) return chunk;
        if (pump.error !== null) return this.corrupt(pump.error);
        if (this.failure !== null) throw this.failure;
        if (pump.ended) {
          this.pending = pump.leftover();
          pump.destroy();
          this.pump = null;
          this.state = TRAILER;
        } else if (pump.writing || pump.stalled || this.inputEnded) {
          await pump.wait();
        } else {
          const input = await this.pull();
          if (input === null) pump.end();
          else pump.write(input);
        }
      } else if (this.state === HEADER) {
        const buf = this.pending ?? (await this.pull());
        if (buf === null) return this.finish(); // clean end (or an empty body)
        let length: number;
        try {
          length = parseGzipHeader(buf);
        } catch (error) {
          return this.corrupt(error);
        }
        if (length === NEED_MORE) {
          const more = buf.length > MAX_HEADER ? null : await this.pull();
          if (more === null)
            return this.corrupt(new Error('unexpected end of file in gzip header'));
          this.pending = Buffer.concat([buf, more]);
          continue;
        }
        this.pending = null;
        this.crc = 0;
        this.size = 0;
        this.pump = new ZlibPump(createInflateRaw(ZLIB_OPTIONS) as ZlibTransform);
        this.state = BODY;
        if (length < buf.length) this.pump.write(buf.subarray(length));
      } else {
        let buf = this.pending;
        while (buf === null || buf.length < 8) {
          const more = await this.pull();
          if (more === null)
            return this.corrupt(new Error('unexpected end of file in gzip trailer'));
          buf = buf === null ? more : Buffer.concat([buf, more]);
        }
        if (buf.readUInt32LE(0) !== this.crc >>> 0)
          return this.corrupt(new Error('incorrect data check'));
        if (buf.readUInt32LE(4) !== this.size >>> 0) {
          return this.corrupt(new Error('incorrect length check'));
        }
        this.members++;
        this.pending = buf.length > 8 ? buf.subarray(8) : null;
        this.state = HEADER;
      }
    }
  }

  protected tryProduce(): Buffer | undefined {
    if (this.state !== BODY) return undefined;
    const pump = this.pump!;
    const chunk = pump.read();
    if (chunk === null) return undefined;
    // Before the CRC: the engine inflates the next input while this thread computes it.
    this.feedAhead(pump);
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    return chunk;
  }

  /** A decoding failure: an error in the first member, ignored trailing data after it. */
  private corrupt(cause: unknown): Promise<null> {
    if (this.members === 0) throw decodeFailure(this.coding, cause);
    this.pending = null;
    this.pump?.destroy();
    this.pump = null;
    return this.finish();
  }

  protected release(): void {
    this.pump?.destroy();
    this.pump = null;
  }
}
