/**
 * Reads a JSON answer of the form `{"ddc":"<base64>", ...}` as a stream: the base64 string
 * of one top-level field is decoded on the fly and passed on as bytes, while the rest of the
 * answer (other fields, or SIGEX's `{"message": key}` error) is kept, small and bounded, for
 * the caller to interpret once the answer ended. A card of hundreds of MiB never sits in
 * memory whole, neither as base64 text nor as a decoded buffer.
 *
 * Works on bytes: JSON's structural characters are ASCII and never appear inside a UTF-8
 * multi-byte sequence, so the other fields may carry any text.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const B64 = /^[A-Za-z0-9+/=]$/;
/** The answer without the streamed field is a few hundred bytes; anything near this is wrong. */
export const MAX_REST_BYTES = 1024 * 1024;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export class Base64FieldDecoder extends Transform {
  /** Decoded bytes passed on. */
  decodedBytes = 0;
  /** The field was present with a string value. */
  found = false;
  private readonly field: Buffer;
  private rest: Buffer[] = [];
  private restBytes = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private keyBytes: number[] | null = null;
  private lastKey: string | null = null;
  private valuePending = false;
  private inField = false;
  /** Inside the field: an escape in progress ('\' seen, or '\u' and the hex digits so far). */
  private fieldEscape: string | null = null;
  private quad = '';
  private padded = false;

  constructor(field: string) {
    super();
    this.field = Buffer.from(field, 'utf8');
  }

  /** The answer with the field's value left out (`""`), as text. */
  restText(): string {
    return Buffer.concat(this.rest).toString('utf8');
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    try {
      let out = '';
      let keepFrom = 0;
      for (let i = 0; i < bytes.length; i++) {
        const c = bytes[i] as number;
        if (this.inField) {
          if (this.fieldEscape === null && c === QUOTE) {
            this.inField = false;
            keepFrom = i; // the closing quote goes to the rest: `"ddc":""`
            this.pass(this.decode(out));
            out = '';
            this.endField();
            continue;
          }
          out += this.fieldChar(c);
          if (out.length >= 65536) {
            this.pass(this.decode(out));
            out = '';
          }
          continue;
        }
        if (this.structural(c)) {
          // The opening quote of the field: keep it, stream what follows.
          this.keep(bytes.subarray(keepFrom, i + 1));
          this.inField = true;
          this.found = true;
        }
      }
      if (!this.inField) this.keep(bytes.subarray(keepFrom));
      if (out !== '') this.pass(this.decode(out));
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    if (this.inField || this.quad !== '' || this.fieldEscape !== null) return cb(malformed());
    cb();
  }

  /** One byte outside the field; true when it opens the field's string value. */
  private structural(c: number): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) {
        this.inString = false;
        if (this.keyBytes) {
          this.lastKey = Buffer.from(this.keyBytes).equals(this.field) ? 'field' : 'other';
          this.keyBytes = null;
        }
        return false;
      }
      if (this.keyBytes && this.keyBytes.length <= this.field.length) this.keyBytes.push(c);
      return false;
    }
    if (isSpace(c)) return false;
    const pending = this.valuePending;
    this.valuePending = false;
    if (c === QUOTE) {
      if (pending && this.depth === 1 && this.lastKey === 'field') return true;
      this.inString = true;
      this.keyBytes = this.depth === 1 && this.expectKey ? [] : null;
      this.expectKey = false;
      return false;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      this.depth++;
      this.expectKey = this.depth === 1 && c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      this.depth--;
    } else if (c === 0x2c /* , */ && this.depth === 1) {
      this.expectKey = true;
      this.lastKey = null;
    } else if (c === 0x3a /* : */ && this.depth === 1) {
      this.valuePending = true;
    }
    return false;
  }

  /** A byte of the base64 text: JSON escapes (`\/`, `\n`, `\u002F`) and line breaks allowed. */
  private fieldChar(c: number): string {
    if (this.fieldEscape !== null) {
      const ch = String.fromCharCode(c);
      if (this.fieldEscape === '') {
        if (ch === 'u') {
          this.fieldEscape = 'u';
          return '';
        }
        this.fieldEscape = null;
        if (ch === '/') return '/';
        if (ch === 'n' || ch === 'r' || ch === 't') return '';
        throw malformed();
      }
      if (!/^[0-9a-fA-F]$/.test(ch)) throw malformed();
      this.fieldEscape += ch;
      if (this.fieldEscape.length < 5) return '';
      const code = parseInt(this.fieldEscape.slice(1), 16);
      this.fieldEscape = null;
      return this.base64Char(String.fromCharCode(code));
    }
    if (c === BACKSLASH) {
      this.fieldEscape = '';
      return '';
    }
    return this.base64Char(String.fromCharCode(c));
  }

  private base64Char(ch: string): string {
    if (ch === '\n' || ch === '\r' || ch === ' ' || ch === '\t') return '';
    if (!B64.test(ch) || (this.padded && ch !== '=')) throw malformed();
    if (ch === '=') this.padded = true;
    return ch;
  }

  /** An unpadded end: the last two or three characters still make bytes. */
  private endField(): void {
    if (this.quad.length === 1) throw malformed();
    if (this.quad !== '') {
      const buf = Buffer.from(this.quad, 'base64');
      this.decodedBytes += buf.length;
      this.pass(buf);
      this.quad = '';
    }
  }

  /** Decodes whole groups of four; a partial group waits for the next chunk. */
  private decode(text: string): Buffer {
    const all = this.quad + text;
    const whole = all.length - (all.length % 4);
    this.quad = all.slice(whole);
    const buf = Buffer.from(all.slice(0, whole), 'base64');
    this.decodedBytes += buf.length;
    return buf;
  }

  private pass(b: Buffer): void {
    if (b.length > 0) this.push(b);
  }

  private keep(b: Buffer): void {
    if (b.length === 0) return;
    this.restBytes += b.length;
    if (this.restBytes > MAX_REST_BYTES) throw new AppError('sigex-server', 'SIGEX answered with an oversized body');
    this.rest.push(Buffer.from(b));
  }
}

function malformed(): AppError {
  return new AppError('sigex-server', 'SIGEX answered with something other than the expected document card');
}
