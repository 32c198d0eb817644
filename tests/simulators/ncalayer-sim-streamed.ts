/**
 * A big JSON string decoded while it streams in, never held whole (ncalayer-sim-scan.ts feeds
 * it the raw bytes between the quotes, in whatever pieces the frames bring).
 *
 * It answers exactly what a RawString over the whole message would (decodeDocument): the raw
 * bytes are cut into the same pieces as rawStringPieces cuts them (a window of one piece plus
 * a few bytes of look-ahead), so Base64ChunkDecoder sees the same text and fails with the same
 * message. Which readings to compute is decided when the string starts (StreamReadings): the
 * flags that choose them may come later in the message (the app sends them first; another
 * client may not), and then both base64 and text are computed, and the bytes kept for both.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import {
  Base64ChunkDecoder,
  BigString,
  DECODE_CHUNK_BYTES,
  DocumentDigest,
  pieceEnd,
  type DecodedDocument,
  type DecodeOptions,
} from './ncalayer-sim-parse';

/** What to compute for one big string, decided when it starts. */
export interface StreamReadings {
  /** the data decoded from base64 (decode: true) */
  base64: boolean;
  /** the UTF-8 text itself (decode: false) */
  text: boolean;
  /** keep the decoded bytes up to keepLimit (encapsulation or a digested hash needs them) */
  keep: boolean;
  streebog: boolean;
  keepLimit: number;
}

export const NO_READINGS: StreamReadings = { base64: false, text: false, keep: false, streebog: false, keepLimit: 0 };

/** pieceEnd reads at most this far past the offset it returns (a surrogate pair's escapes). */
const LOOKAHEAD = 16;
const BACKSLASH = 0x5c;
// eslint-disable-next-line no-control-regex -- raw control characters are exactly what JSON strings refuse
const CONTROL_CHARACTER = /[\u0000-\u001f]/;

/** An error met by a reading, and the number of the piece that met it (the first one wins). */
interface Failure {
  error: unknown;
  piece: number;
}

class Reading {
  readonly digest: DocumentDigest;
  readonly decoder: Base64ChunkDecoder | null;
  failure?: Failure;
  private doc?: DecodedDocument;
  constructor(base64: boolean, o: StreamReadings) {
    this.digest = new DocumentDigest({ decode: base64, keep: o.keep, keepLimit: o.keepLimit, streebog: o.streebog });
    this.decoder = base64 ? new Base64ChunkDecoder((bytes) => this.digest.add(bytes)) : null;
  }

  result(): DecodedDocument {
    this.doc ??= this.digest.result();
    return this.doc;
  }
}

export class StreamedString extends BigString {
  rawLength = 0;
  private window: Buffer;
  private filled = 0;
  private pieces = 0;
  /** a backslash seen so far: the string has escapes, every piece from here is JSON-unescaped */
  private escaped = false;
  /**
   * A piece with a raw control character before the first backslash: a string WITH escapes
   * fails there (the whole-message path JSON-parses each piece), one without takes it as is.
   */
  private controlFailure?: Failure;
  private readonly base64: Reading | null;
  private readonly text: Reading | null;
  private done = false;

  constructor(
    readonly readings: StreamReadings,
    private readonly chunkBytes = DECODE_CHUNK_BYTES,
  ) {
    super();
    this.base64 = readings.base64 ? new Reading(true, readings) : null;
    this.text = readings.text ? new Reading(false, readings) : null;
    this.window = Buffer.alloc(this.base64 || this.text ? chunkBytes + 4 * LOOKAHEAD : 0);
  }

  /** The next raw bytes of the string (between the quotes); they may be reused once this returns. */
  push(bytes: Buffer): void {
    this.rawLength += bytes.length;
    if (!this.base64 && !this.text) return;
    for (let at = 0; at < bytes.length;) {
      if (this.filled === this.window.length) this.grow();
      const n = bytes.copy(this.window, this.filled, at);
      this.filled += n;
      at += n;
      this.cut(false);
    }
  }

  /** The closing quote has come. */
  end(): void {
    if (this.done) return;
    this.done = true;
    if (!this.base64 && !this.text) return;
    this.cut(true);
    for (const r of [this.base64, this.text]) {
      if (!r?.decoder || r.failure) continue;
      try {
        r.decoder.end();
      } catch (error) {
        r.failure = { error, piece: Infinity };
      }
    }
    this.window = Buffer.alloc(0);
  }

  decoded(o: DecodeOptions): DecodedDocument {
    const r = o.decode ? this.base64 : this.text;
    if (!r || !this.done)
      throw new Error(`simulator: the ${o.decode ? 'base64' : 'text'} reading of this data was not computed as it streamed`);
    if (o.keep && !this.readings.keep) throw new Error('simulator: the bytes of this data were not kept as it streamed');
    const control = this.escaped ? this.controlFailure : undefined;
    const failure = control && (!r.failure || control.piece <= r.failure.piece) ? control : r.failure;
    if (failure) throw failure.error;
    const { bytes, streebog512, ...doc } = r.result();
    return {
      ...doc,
      ...(o.streebog && streebog512 ? { streebog512 } : {}),
      ...(o.keep && bytes && doc.size <= (o.keepLimit ?? Infinity) ? { bytes } : {}),
    };
  }

  /** Cuts every piece whose end cannot move any more (all the rest when final). */
  private cut(final: boolean): void {
    let s = 0;
    while (s < this.filled) {
      if (!final && this.filled - s < this.chunkBytes + LOOKAHEAD) break;
      // (clamped: an escape cut short by the string's end would reach past it, into stale bytes)
      const e = Math.min(pieceEnd(this.window, s, this.filled, this.chunkBytes, true), this.filled);
      if (!final && e + LOOKAHEAD > this.filled) break; // a run of UTF-8 continuation bytes: wait for its end
      this.piece(this.window.subarray(s, e));
      s = e;
    }
    this.window.copy(this.window, 0, s, this.filled);
    this.filled -= s;
  }

  /** Only when no piece can be cut from a full window (invalid UTF-8 from a binary frame). */
  private grow(): void {
    const bigger = Buffer.alloc(this.window.length * 2);
    this.window.copy(bigger, 0, 0, this.filled);
    this.window = bigger;
  }

  private piece(raw: Buffer): void {
    const n = this.pieces++;
    // (looked for even when every reading has failed: a control character before decides then)
    if (!this.escaped && raw.indexOf(BACKSLASH) >= 0) this.escaped = true;
    const live = [this.base64, this.text].filter((r): r is Reading => r !== null && !r.failure);
    if (live.length === 0) return;
    const utf8 = raw.toString('utf8');
    let text = utf8;
    if (this.escaped) {
      try {
        text = JSON.parse(`"${utf8}"`) as string;
      } catch (error) {
        for (const r of live) r.failure = { error, piece: n };
        return;
      }
    }
    // raw ASCII is the text as is: the decoder can check the alphabet without a regex
    const ascii = !this.escaped && isAscii(raw);
    let inAlphabet = false;
    for (const r of live) {
      try {
        if (r.decoder) inAlphabet = r.decoder.push(text, ascii);
        else if (!this.escaped && isUtf8(raw)) r.digest.add(r.digest.isKeeping ? Buffer.from(raw) : raw);
        else r.digest.add(Buffer.from(text, 'utf8'));
      } catch (error) {
        r.failure = { error, piece: n };
      }
    }
    // base64 characters only: no control character either
    if (!this.escaped && !inAlphabet && !this.controlFailure && CONTROL_CHARACTER.test(utf8)) {
      try {
        JSON.parse(`"${utf8}"`);
      } catch (error) {
        this.controlFailure = { error, piece: n };
      }
    }
  }
}
