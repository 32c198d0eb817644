/**
 * One NCALayer request read as its frames arrive, never held whole. The bytes outside big
 * strings are kept as the message's skeleton; a string longer than bigStringBytes is decoded
 * while it streams (StreamedString) and left in the skeleton as "". At the end parseJsonBuffer
 * reads the skeleton with those strings put back in place, so the request and every error
 * (with its byte offset in the message) are what parseJsonBuffer gives for the whole message.
 *
 * A string streams only when it is longer than a key may be too (a placeholder read as a key is
 * "key too long"). Where strings start and end is lexical (an unescaped quote opens or closes one), which is
 * also how parseJsonBuffer finds a string's end; the JSON grammar is only checked at the end.
 */
import { StreamedString, type StreamReadings } from './ncalayer-sim-streamed';
import { BigString, DEFAULT_TUNING, JsonScanError, parseJsonBuffer, type JsonLike, type ScanTuning } from './ncalayer-sim-parse';

export type JsonPath = readonly (string | number)[];

/**
 * Decides what to compute for a big string that starts now, from the request read so far
 * (its open containers closed, the string itself at `path`); both are undefined when that
 * prefix does not parse.
 */
export type ReadingsFor = (partial: JsonLike | undefined, path: JsonPath | undefined) => StreamReadings;

/** Above this the prefix is not parsed for a hint: every reading is computed. */
const MAX_HINT_SKELETON_BYTES = 8 * 1024 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Map([
  [0x7b, 0x7d],
  [0x5b, 0x5d],
]);
const EMPTY_STRING = Buffer.from('""');
const QUOTE_BYTE = Buffer.from('"');

export class RequestScanner {
  /** message bytes pushed so far */
  bytes = 0;
  private readonly skeleton: Buffer[] = [];
  private skeletonBytes = 0;
  /** skeleton offset of a big string's opening quote -> the string */
  private readonly placed = new Map<number, JsonLike>();
  /** from this skeleton offset on, message offsets are `by` bytes further */
  private readonly shifts: { from: number; by: number }[] = [];
  /** closing brackets of the containers open so far (lexically), innermost last */
  private readonly closers: number[] = [];
  private nestingBroken = false;
  private inString = false;
  /** the previous push ended in the middle of an escape: the next string byte is escaped */
  private escapeNext = false;
  private small: Buffer[] = [];
  private smallBytes = 0;
  private big: StreamedString | null = null;
  private ended = false;

  constructor(
    private readonly readingsFor: ReadingsFor,
    private readonly tuning: ScanTuning = DEFAULT_TUNING,
  ) {}

  /** The next payload bytes of the message; they may be reused once this returns. */
  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    for (let i = 0; i < chunk.length;) {
      if (!this.inString) {
        const open = chunk.indexOf(QUOTE, i);
        this.outside(chunk.subarray(i, open < 0 ? chunk.length : open));
        if (open < 0) return;
        this.inString = true;
        i = open + 1;
        continue;
      }
      const close = this.closingQuote(chunk, i);
      this.inside(chunk.subarray(i, close < 0 ? chunk.length : close));
      if (close < 0) return;
      this.closeString();
      this.inString = false;
      i = close + 1;
    }
  }

  /** The whole request as parseJsonBuffer would read the whole message; throws what it throws. */
  parse(): JsonLike {
    if (!this.ended) {
      this.ended = true;
      // An unterminated string: parseJsonBuffer reports it at its start, whatever it holds.
      if (this.inString) this.append(QUOTE_BYTE);
      this.big = null;
      this.small = [];
    }
    const position = (offset: number) => this.shifts.reduce((p, s) => (s.from <= offset ? p + s.by : p), offset);
    return parseJsonBuffer(Buffer.concat(this.skeleton), this.tuning.bigStringBytes, {
      ...this.tuning,
      placeholders: { at: this.placed, position },
    });
  }

  /** Index of the quote that closes the current string in chunk (from `from` on), or -1. */
  private closingQuote(chunk: Buffer, from: number): number {
    let fresh = from; // no pending escape at this offset
    if (this.escapeNext) {
      this.escapeNext = false;
      fresh++;
    }
    for (let q = chunk.indexOf(QUOTE, fresh); q >= 0; q = chunk.indexOf(QUOTE, q + 1)) {
      let k = q;
      while (k > fresh && chunk[k - 1] === BACKSLASH) k--;
      if ((q - k) % 2 === 0) return q; // an even run of backslashes: the quote is real
    }
    let k = chunk.length;
    while (k > fresh && chunk[k - 1] === BACKSLASH) k--;
    this.escapeNext = (chunk.length - k) % 2 === 1;
    return -1;
  }

  private outside(bytes: Buffer): void {
    for (const b of bytes) {
      const closer = OPENERS.get(b);
      if (closer !== undefined) this.closers.push(closer);
      else if (b === 0x7d || b === 0x5d) {
        if (this.closers.at(-1) === b) this.closers.pop();
        else this.nestingBroken = true;
      }
    }
    this.append(Buffer.from(bytes));
  }

  private inside(bytes: Buffer): void {
    if (this.big) return this.big.push(bytes);
    if (this.smallBytes + bytes.length <= Math.max(this.tuning.bigStringBytes, this.tuning.maxKeyBytes)) {
      this.small.push(Buffer.from(bytes));
      this.smallBytes += bytes.length;
      return;
    }
    this.big = new StreamedString(this.readingsHere(), this.tuning.chunkBytes);
    for (const piece of this.small) this.big.push(piece);
    this.small = [];
    this.smallBytes = 0;
    this.big.push(bytes);
  }

  private closeString(): void {
    if (this.big) {
      this.big.end();
      this.placed.set(this.skeletonBytes, this.big);
      this.shifts.push({ from: this.skeletonBytes + 1, by: this.big.rawLength });
      this.append(EMPTY_STRING);
      this.big = null;
      return;
    }
    this.append(QUOTE_BYTE);
    for (const piece of this.small) this.append(piece);
    this.append(QUOTE_BYTE);
    this.small = [];
    this.smallBytes = 0;
  }

  private append(bytes: Buffer): void {
    this.skeleton.push(bytes);
    this.skeletonBytes += bytes.length;
  }

  /** The request so far with the open containers closed, parsed, and where this string sits in it. */
  private readingsHere(): StreamReadings {
    if (this.nestingBroken || this.skeletonBytes > MAX_HINT_SKELETON_BYTES) return this.readingsFor(undefined, undefined);
    const marker: JsonLike[] = [];
    const at = new Map(this.placed).set(this.skeletonBytes, marker);
    const closing = Buffer.from([...this.closers].reverse());
    let partial: JsonLike;
    try {
      partial = parseJsonBuffer(Buffer.concat([...this.skeleton, EMPTY_STRING, closing]), this.tuning.bigStringBytes, {
        ...this.tuning,
        placeholders: { at, position: (p) => p },
      });
    } catch (e) {
      if (!(e instanceof JsonScanError) && !(e instanceof SyntaxError)) throw e;
      return this.readingsFor(undefined, undefined);
    }
    return this.readingsFor(partial, pathOf(partial, marker, []));
  }
}

function pathOf(v: JsonLike, target: JsonLike, path: (string | number)[]): JsonPath | undefined {
  if (v === target) return path;
  const entries = Array.isArray(v)
    ? v.entries()
    : v !== null && typeof v === 'object' && !(v instanceof BigString)
      ? Object.entries(v)
      : [];
  for (const [key, child] of entries) {
    const found = pathOf(child as JsonLike, target, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
