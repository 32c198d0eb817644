/**
 * Parsing NCALayer requests without ever turning the whole message into a string.
 * A signing request can be 1.5 GiB of base64 in one WebSocket message, and V8 strings top out
 * near 512 MiB, so: walk the JSON structure over the received Buffer, keep long strings as
 * byte ranges (RawString), and decode those in chunks straight into SHA-256.
 * A message over STREAM_ABOVE_BYTES is not even held whole: ncalayer-sim-scan.ts gives this
 * parser its skeleton, the long strings decoded as they streamed (Placeholders).
 */
import { createHash } from 'node:crypto';
import { Streebog } from '../../src-main/core/crypto/streebog';

/** Strings with more raw bytes than this stay in the Buffer as a RawString. */
export const BIG_STRING_BYTES = 256 * 1024;
/**
 * Chunk size for decoding a RawString (a multiple of 4, so base64 pieces align when clean).
 * Small enough that each piece's string and decoded bytes are ordinary young objects: with 4
 * MiB pieces every one was a fresh large allocation, and the simulator's decoding of a 1 GiB
 * request took twice the CPU (bench "sending" step 5.3 -> 2.7 s).
 */
export const DECODE_CHUNK_BYTES = 64 * 1024;
const MAX_DEPTH = 64;
/** Keys are always decoded (never left as a BigString), so a longer one is refused. */
const MAX_KEY_BYTES = 64 * 1024;

/** The sizes above, smaller in tests so that a few bytes exercise every cut. */
export interface ScanTuning {
  bigStringBytes: number;
  chunkBytes: number;
  maxKeyBytes: number;
}
export const DEFAULT_TUNING: ScanTuning = { bigStringBytes: BIG_STRING_BYTES, chunkBytes: DECODE_CHUNK_BYTES, maxKeyBytes: MAX_KEY_BYTES };

export interface DecodeOptions {
  /** base64 (true) or the UTF-8 text itself (false) */
  decode: boolean;
  keep: boolean;
  keepLimit?: number;
  streebog?: boolean;
}

/**
 * A JSON string too long to be held as one JS string: a byte range of the whole message
 * (RawString), or one decoded while it streamed in (StreamedString, ncalayer-sim-streamed.ts).
 */
export abstract class BigString {
  abstract readonly rawLength: number;
  /** The document it carries; throws InvalidBase64Error or SyntaxError (a bad escape) as decodeDocument does. */
  abstract decoded(o: DecodeOptions): DecodedDocument;
}

/** A JSON string left undecoded: bytes [start, end) of buf, between the quotes. */
export class RawString extends BigString {
  constructor(
    readonly buf: Buffer,
    readonly start: number,
    readonly end: number,
    readonly hasEscapes: boolean,
    readonly chunkBytes = DECODE_CHUNK_BYTES,
  ) {
    super();
  }
  get rawLength(): number {
    return this.end - this.start;
  }
  decoded(o: DecodeOptions): DecodedDocument {
    const digest = new DocumentDigest(o);
    const pieces = rawStringPieces(this, this.chunkBytes);
    if (o.decode) {
      const decoder = new Base64ChunkDecoder((bytes) => digest.add(bytes));
      for (const piece of pieces) decoder.push(piece);
      decoder.end();
    } else {
      for (const piece of pieces) digest.add(Buffer.from(piece, 'utf8'));
    }
    return digest.result();
  }
}

export type JsonLike = null | boolean | number | string | BigString | JsonLike[] | { [key: string]: JsonLike };

/**
 * How a message whose big strings were streamed out is parsed (ncalayer-sim-scan.ts): the
 * buffer is its skeleton, each big string left as an empty string "" whose opening quote's
 * offset maps to the value; `position` turns a skeleton offset back into the message's.
 */
export interface Placeholders {
  at: ReadonlyMap<number, JsonLike>;
  position(skeletonOffset: number): number;
}

export class JsonScanError extends Error {}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Parses JSON held in a Buffer; strings longer than bigStringBytes come back as RawString. */
export function parseJsonBuffer(
  buf: Buffer,
  bigStringBytes = BIG_STRING_BYTES,
  more: { placeholders?: Placeholders; chunkBytes?: number; maxKeyBytes?: number } = {},
): JsonLike {
  const { placeholders, chunkBytes = DECODE_CHUNK_BYTES, maxKeyBytes = MAX_KEY_BYTES } = more;
  let pos = 0;
  const fail = (what: string): never => {
    throw new JsonScanError(`${what} at byte ${placeholders ? placeholders.position(pos) : pos}`);
  };
  const skipWs = () => {
    while (pos < buf.length && WS.has(buf[pos] as number)) pos++;
  };
  const expect = (byte: number) => {
    skipWs();
    if (buf[pos] !== byte) fail(`expected '${String.fromCharCode(byte)}'`);
    pos++;
  };

  const string = (isKey = false): JsonLike => {
    const start = ++pos; // after the opening quote
    const placed = placeholders?.at.get(start - 1);
    if (placed !== undefined) {
      pos = start + 1;
      return isKey ? fail('key too long') : placed;
    }
    let q = start;
    for (;;) {
      q = buf.indexOf(QUOTE, q);
      if (q < 0) return fail('unterminated string');
      let k = q;
      while (k > start && buf[k - 1] === BACKSLASH) k--;
      if ((q - k) % 2 === 0) break; // an even run of backslashes: the quote is real
      q++;
    }
    pos = q + 1;
    if (isKey && q - start > maxKeyBytes) return fail('key too long');
    if (isKey || q - start <= bigStringBytes) {
      return JSON.parse(buf.toString('utf8', start - 1, q + 1)) as string;
    }
    return new RawString(buf, start, q, buf.subarray(start, q).indexOf(BACKSLASH) >= 0, chunkBytes);
  };

  const literal = (text: string, value: JsonLike): JsonLike => {
    if (buf.toString('latin1', pos, pos + text.length) !== text) fail('bad literal');
    pos += text.length;
    return value;
  };

  const number = (): number => {
    const start = pos;
    while (pos < buf.length && /[-+0-9.eE]/.test(String.fromCharCode(buf[pos] as number))) pos++;
    const text = buf.toString('latin1', start, pos);
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(text)) fail('bad number');
    return Number(text);
  };

  const value = (depth: number): JsonLike => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    skipWs();
    const c = buf[pos];
    if (c === QUOTE) return string();
    if (c === 0x7b) return object(depth);
    if (c === 0x5b) return array(depth);
    if (c === 0x74) return literal('true', true);
    if (c === 0x66) return literal('false', false);
    if (c === 0x6e) return literal('null', null);
    if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return number();
    return fail('unexpected input');
  };

  const object = (depth: number): { [key: string]: JsonLike } => {
    pos++;
    const out: { [key: string]: JsonLike } = {};
    skipWs();
    if (buf[pos] === 0x7d) {
      pos++;
      return out;
    }
    for (;;) {
      skipWs();
      if (buf[pos] !== QUOTE) fail('expected a key');
      const key = string(true) as string;
      expect(0x3a);
      Object.defineProperty(out, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
      skipWs();
      if (buf[pos] === 0x2c) {
        pos++;
        continue;
      }
      expect(0x7d);
      return out;
    }
  };

  const array = (depth: number): JsonLike[] => {
    pos++;
    const out: JsonLike[] = [];
    skipWs();
    if (buf[pos] === 0x5d) {
      pos++;
      return out;
    }
    for (;;) {
      out.push(value(depth + 1));
      skipWs();
      if (buf[pos] === 0x2c) {
        pos++;
        continue;
      }
      expect(0x5d);
      return out;
    }
  };

  const result = value(0);
  skipWs();
  if (pos !== buf.length) fail('trailing data');
  return result;
}

/**
 * Where a chunk [s, e) of a string with escapes may end: walks the escapes forward (bounded
 * to the chunk) and cuts before one that would straddle e; a surrogate pair counts as one.
 */
function safeEscapeCut(buf: Buffer, s: number, e: number): number {
  for (let p = s; ;) {
    const rel = buf.subarray(p, e).indexOf(BACKSLASH);
    if (rel < 0) return e;
    const k = p + rel;
    let end = k + (buf[k + 1] === 0x75 ? 6 : 2); // \uXXXX or a two-character escape
    if (end - k === 6 && /^[dD][89abAB]/.test(buf.toString('latin1', k + 2, k + 4)) && buf[end] === BACKSLASH && buf[end + 1] === 0x75) {
      end += 6; // high + low surrogate
    }
    if (end > e) return k > s ? k : end;
    p = end;
  }
}

const isContinuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

/**
 * Where the piece of a string's raw bytes that starts at s ends, the string ending at end.
 * Reads at most a few bytes past the returned offset (ncalayer-sim-streamed.ts counts on it).
 */
export function pieceEnd(buf: Buffer, s: number, end: number, chunkBytes: number, hasEscapes: boolean): number {
  let e = Math.min(s + chunkBytes, end);
  if (e < end) {
    // never split a UTF-8 sequence: back to its first byte, or past it when it starts the chunk
    let b = e;
    while (b > s && isContinuation(buf[b])) b--;
    if (b > s) e = b;
    else while (e < end && isContinuation(buf[e])) e++;
    if (hasEscapes) e = safeEscapeCut(buf, s, e);
  }
  return e;
}

/** The decoded text of a RawString, piece by piece (each piece at most ~chunkBytes long). */
export function* rawStringPieces(r: RawString, chunkBytes = DECODE_CHUNK_BYTES): Generator<string> {
  const { buf } = r;
  for (let s = r.start; s < r.end;) {
    const e = pieceEnd(buf, s, r.end, chunkBytes, r.hasEscapes);
    const raw = buf.toString('utf8', s, e);
    yield r.hasEscapes ? (JSON.parse(`"${raw}"`) as string) : raw;
    s = e;
  }
}

export class InvalidBase64Error extends Error {}

const NOT_B64 = /[^A-Za-z0-9+/=]/;

/** Streaming base64 decoder: whitespace tolerated, anything else (or data after '=') rejected. */
export class Base64ChunkDecoder {
  private carry = '';
  private padded = false;
  constructor(private readonly sink: (bytes: Buffer) => void) {}

  /**
   * `ascii`: the caller knows every character of the piece is below 0x80, which allows a check
   * of the alphabet without a regular expression (a third of the simulator's CPU on 1 GiB).
   * Returns true when the piece held base64 characters only (so no whitespace either).
   */
  push(piece: string, ascii = false): boolean {
    let s = this.carry + piece;
    if (ascii && this.pushClean(s)) return true;
    if (NOT_B64.test(s)) {
      s = s.replace(/\s+/g, '');
      if (NOT_B64.test(s)) throw new InvalidBase64Error('data is not valid base64');
    }
    const eq = s.indexOf('=');
    if (eq >= 0) {
      if (!/^=*$/.test(s.slice(eq))) throw new InvalidBase64Error('base64 padding in the middle of data');
      this.padded = true;
    } else if (this.padded && s.length > 0) {
      throw new InvalidBase64Error('base64 data after padding');
    }
    const usable = s.length - (s.length % 4);
    if (usable > 0) this.sink(Buffer.from(s.slice(0, usable), 'base64'));
    this.carry = s.slice(usable);
    return false;
  }

  /**
   * What push does for ASCII text of base64 characters without '=': Node's decoder skips an
   * ASCII character outside the alphabet ('-' and '_' aside, which it reads as base64url),
   * so every character is in the alphabet exactly when none was skipped. False: not that case.
   */
  private pushClean(s: string): boolean {
    if (this.padded || s.indexOf('=') >= 0 || s.indexOf('-') >= 0 || s.indexOf('_') >= 0) return false;
    const usable = s.length - (s.length % 4);
    const bytes = Buffer.from(usable === s.length ? s : s.slice(0, usable), 'base64');
    const rest = s.slice(usable);
    if (bytes.length !== (usable / 4) * 3 || NOT_B64.test(rest)) return false;
    if (usable > 0) this.sink(bytes);
    this.carry = rest;
    return true;
  }

  end(): void {
    if (this.carry.length % 4 === 1) throw new InvalidBase64Error('truncated base64');
    if (this.carry) this.sink(Buffer.from(this.carry, 'base64'));
    this.carry = '';
  }
}

export interface DecodedDocument {
  /** decoded size in bytes */
  size: number;
  sha256: Buffer;
  /** Streebog-512 of the decoded bytes, only when asked (a GOST-2015 key signs) */
  streebog512?: Buffer;
  /** the decoded bytes, only when asked to keep them and size <= keepLimit */
  bytes?: Buffer;
}

/** SHA-256 (and Streebog-512 when asked) of a document's bytes as they come, kept up to keepLimit when asked. */
export class DocumentDigest {
  private readonly hash = createHash('sha256');
  private readonly gost: Streebog | null;
  private readonly kept: Buffer[] = [];
  private size = 0;
  private keeping: boolean;
  constructor(private readonly o: DecodeOptions) {
    this.gost = o.streebog ? new Streebog(512) : null;
    this.keeping = o.keep;
  }

  /** `bytes` must stay unchanged while keeping is true (it may be kept as is). */
  add(bytes: Buffer): void {
    this.hash.update(bytes);
    this.gost?.update(bytes);
    this.size += bytes.length;
    if (!this.keeping) return;
    if (this.size > (this.o.keepLimit ?? Infinity)) {
      this.keeping = false;
      this.kept.length = 0;
    } else this.kept.push(bytes);
  }

  get isKeeping(): boolean {
    return this.keeping;
  }

  result(): DecodedDocument {
    return {
      size: this.size,
      sha256: this.hash.digest(),
      ...(this.gost ? { streebog512: this.gost.digest() } : {}),
      ...(this.keeping ? { bytes: Buffer.concat(this.kept) } : {}),
    };
  }
}

/**
 * Decodes one `data` item (base64 when decode, else the UTF-8 text itself) into SHA-256,
 * holding only one chunk at a time unless keep is set (encapsulation needs the bytes).
 */
export function decodeDocument(item: string | BigString, o: DecodeOptions): DecodedDocument {
  if (typeof item !== 'string') return item.decoded(o);
  const digest = new DocumentDigest(o);
  if (o.decode) {
    const decoder = new Base64ChunkDecoder((bytes) => digest.add(bytes));
    decoder.push(item);
    decoder.end();
  } else digest.add(Buffer.from(item, 'utf8'));
  return digest.result();
}

/** A copy of a parsed request safe to log: RawStrings and the given data paths replaced by summaries. */
export function withoutBigStrings(v: JsonLike): unknown {
  if (v instanceof BigString) return `[${v.rawLength} bytes omitted]`;
  if (Array.isArray(v)) return v.map(withoutBigStrings);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutBigStrings(x)]));
  }
  return v;
}
