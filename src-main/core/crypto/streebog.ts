/**
 * Streebog: the hash function of GOST R 34.11-2012 (adopted in Kazakhstan as GOST 34.11-2015),
 * 512- and 256-bit outputs, streaming (update over chunks of any size, then digest).
 *
 * Byte order. The standard writes a message, a digest and every constant as one big number,
 * most significant byte first. Byte-oriented software (and CMS) uses the byte string that
 * number denotes, least significant byte first: the standard's M1 "3231...30" is the ASCII
 * text "0123...012". Here a 512-bit value is that byte string, held as 8 little-endian 64-bit
 * words, each as two 32-bit halves (lo, hi). `digest()` returns bytes in that order (as
 * OpenSSL's GOST engine, BouncyCastle and libgcrypt do); the standard's printed value is its
 * reverse.
 *
 * The constants and LPS tables are in streebog-tables.ts, the compression function g in
 * streebog-compress.ts (JavaScript) and streebog-wasm.ts (WebAssembly, used when available).
 */

import { add512, addSmall, compressJs, readWords } from './streebog-compress';
import { C, THI, TLO } from './streebog-tables';
import { wasmCompressor, type WasmCompressor } from './streebog-wasm';

export type StreebogBits = 256 | 512;

export interface StreebogOptions {
  /** 'auto' (default): the WebAssembly g when available (streebog-wasm.ts), else JavaScript. */
  engine?: 'auto' | 'js';
}

export class Streebog {
  private readonly h: Int32Array;
  private readonly wasm: WasmCompressor | null;
  private readonly n = new Int32Array(16);
  private readonly sigma = new Int32Array(16);
  private readonly m = new Int32Array(16);
  private readonly k = new Int32Array(16);
  private readonly s = new Int32Array(16);
  private readonly t = new Int32Array(16);
  private readonly zero = new Int32Array(16);
  /** Bytes of an incomplete block. */
  private readonly buf = new Uint8Array(64);
  private buffered = 0;
  private done = false;

  constructor(
    readonly bits: StreebogBits = 512,
    o: StreebogOptions = {},
  ) {
    if (bits !== 256 && bits !== 512) throw new Error(`Streebog: ${String(bits)} is not 256 or 512`);
    this.wasm = o.engine === 'js' ? null : wasmCompressor(TLO, THI, C);
    this.h = this.wasm ? this.wasm.h : new Int32Array(16);
    if (bits === 256) this.h.fill(0x01010101); // IV: every byte 0x01 for the 256-bit hash
  }

  /** Which implementation of g runs (tests and the benchmark report it). */
  get engine(): 'wasm' | 'js' {
    return this.wasm ? 'wasm' : 'js';
  }

  update(data: Uint8Array): this {
    if (this.done) throw new Error('Streebog: update after digest');
    let pos = 0;
    if (this.buffered > 0) {
      const take = Math.min(64 - this.buffered, data.length);
      this.buf.set(data.subarray(0, take), this.buffered);
      this.buffered += take;
      pos = take;
      if (this.buffered < 64) return this;
      this.block(this.buf, 0);
      this.buffered = 0;
    }
    for (; pos + 64 <= data.length; pos += 64) this.block(data, pos);
    if (pos < data.length) {
      this.buf.set(data.subarray(pos), 0);
      this.buffered = data.length - pos;
    }
    return this;
  }

  /** The digest, byte-oriented (the standard prints its reverse). The hasher is finished. */
  digest(): Buffer {
    if (this.done) throw new Error('Streebog: digest called twice');
    this.done = true;
    // Pad: the remaining bytes, then a single 1 bit (byte 0x01), then zeros.
    const last = new Uint8Array(64);
    last.set(this.buf.subarray(0, this.buffered));
    last[this.buffered] = 0x01;
    readWords(last, 0, this.m);
    this.g(this.n, this.m);
    addSmall(this.n, this.buffered * 8);
    add512(this.sigma, this.m);
    this.g(this.zero, this.n);
    this.g(this.zero, this.sigma);
    const out = Buffer.alloc(64);
    for (let i = 0; i < 16; i++) out.writeInt32LE(this.h[i] as number, 4 * i);
    return this.bits === 512 ? out : out.subarray(32); // the 256-bit hash is the top half
  }

  private block(data: Uint8Array, at: number): void {
    readWords(data, at, this.m);
    this.g(this.n, this.m);
    addSmall(this.n, 512);
    add512(this.sigma, this.m);
  }

  /** h = g_N(h, m) = E(LPS(h ^ N), m) ^ h ^ m. */
  private g(n: Int32Array, m: Int32Array): void {
    if (this.wasm) {
      this.wasm.n.set(n);
      this.wasm.m.set(m);
      this.wasm.g();
      return;
    }
    compressJs(this.h, n, m, this.k, this.s, this.t);
  }
}

/** One-shot helpers. */
export function streebog512(data: Uint8Array): Buffer {
  return new Streebog(512).update(data).digest();
}

export function streebog256(data: Uint8Array): Buffer {
  return new Streebog(256).update(data).digest();
}
