/**
 * Streebog's compression function g in JavaScript (the reference, and the fallback when
 * WebAssembly is unavailable; streebog-wasm.ts is the fast one) and the 512-bit arithmetic the
 * hasher needs. Values are 8 little-endian 64-bit words, each as two 32-bit halves (lo, hi).
 */

import * as tables from './streebog-tables';

// Module-local copies of the table references: an imported binding can compile to a property
// read or a getter call (esbuild / tsx, ts-jest) on every use, and lps reads the tables 128
// times a round; through the import the JavaScript g ran ten times slower.
const TLO = tables.TLO;
const THI = tables.THI;
const C = tables.C;

/**
 * out = L(P(S(x))). After S and P, byte c of output word r is π of byte r of input word c;
 * L then maps each word on its own, hence out word r = XOR over c of T[c][byte r of word c].
 * `out` must not be `x`.
 */
function lps(x: Int32Array, out: Int32Array): void {
  // Unrolled by hand: loops here cost half the speed. Output words 0-3 take bytes 0-3 of every
  // input word (its low half a*), words 4-7 take bytes 4-7 (its high half b*).
  const a0 = x[0]!,
    a1 = x[2]!,
    a2 = x[4]!,
    a3 = x[6]!,
    a4 = x[8]!,
    a5 = x[10]!,
    a6 = x[12]!,
    a7 = x[14]!;
  const b0 = x[1]!,
    b1 = x[3]!,
    b2 = x[5]!,
    b3 = x[7]!,
    b4 = x[9]!,
    b5 = x[11]!,
    b6 = x[13]!,
    b7 = x[15]!;
  let i0: number, i1: number, i2: number, i3: number, i4: number, i5: number, i6: number, i7: number;
  // output word 0
  i0 = a0 & 255;
  i1 = 256 | (a1 & 255);
  i2 = 512 | (a2 & 255);
  i3 = 768 | (a3 & 255);
  i4 = 1024 | (a4 & 255);
  i5 = 1280 | (a5 & 255);
  i6 = 1536 | (a6 & 255);
  i7 = 1792 | (a7 & 255);
  out[0] = TLO[i0]! ^ TLO[i1]! ^ TLO[i2]! ^ TLO[i3]! ^ TLO[i4]! ^ TLO[i5]! ^ TLO[i6]! ^ TLO[i7]!;
  out[1] = THI[i0]! ^ THI[i1]! ^ THI[i2]! ^ THI[i3]! ^ THI[i4]! ^ THI[i5]! ^ THI[i6]! ^ THI[i7]!;
  // output word 1
  i0 = (a0 >>> 8) & 255;
  i1 = 256 | ((a1 >>> 8) & 255);
  i2 = 512 | ((a2 >>> 8) & 255);
  i3 = 768 | ((a3 >>> 8) & 255);
  i4 = 1024 | ((a4 >>> 8) & 255);
  i5 = 1280 | ((a5 >>> 8) & 255);
  i6 = 1536 | ((a6 >>> 8) & 255);
  i7 = 1792 | ((a7 >>> 8) & 255);
  out[2] = TLO[i0]! ^ TLO[i1]! ^ TLO[i2]! ^ TLO[i3]! ^ TLO[i4]! ^ TLO[i5]! ^ TLO[i6]! ^ TLO[i7]!;
  out[3] = THI[i0]! ^ THI[i1]! ^ THI[i2]! ^ THI[i3]! ^ THI[i4]! ^ THI[i5]! ^ THI[i6]! ^ THI[i7]!;
  // output word 2
  i0 = (a0 >>> 16) & 255;
  i1 = 256 | ((a1 >>> 16) & 255);
  i2 = 512 | ((a2 >>> 16) & 255);
  i3 = 768 | ((a3 >>> 16) & 255);
  i4 = 1024 | ((a4 >>> 16) & 255);
  i5 = 1280 | ((a5 >>> 16) & 255);
  i6 = 1536 | ((a6 >>> 16) & 255);
  i7 = 1792 | ((a7 >>> 16) & 255);
  out[4] = TLO[i0]! ^ TLO[i1]! ^ TLO[i2]! ^ TLO[i3]! ^ TLO[i4]! ^ TLO[i5]! ^ TLO[i6]! ^ TLO[i7]!;
  out[5] = THI[i0]! ^ THI[i1]! ^ THI[i2]! ^ THI[i3]! ^ THI[i4]! ^ THI[i5]! ^ THI[i6]! ^ THI[i7]!;
  // output word 3
  i0 = a0 >>> 24;
  i1 = 256 | (a1 >>> 24);
  i2 = 512 | (a2 >>> 24);
  i3 = 768 | (a3 >>> 24);
  i4 = 1024 | (a4 >>> 24);
  i5 = 1280 | (a5 >>> 24);
  i6 = 1536 | (a6 >>> 24);
  i7 = 1792 | (a7 >>> 24);
  out[6] = TLO[i0]! ^ TLO[i1]! ^ TLO[i2]! ^ TLO[i3]! ^ TLO[i4]! ^ TLO[i5]! ^ TLO[i6]! ^ TLO[i7]!;
  out[7] = THI[i0]! ^ THI[i1]! ^ THI[i2]! ^ THI[i3]! ^ THI[i4]! ^ THI[i5]! ^ THI[i6]! ^ THI[i7]!;
  // output word 4
  i0 = b0 & 255;
  i1 = 256 | (b1 & 255);
  i2 = 512 | (b2 & 255);
  i3 = 768 | (b3 & 255);
  i4 = 1024 | (b4 & 255);
  i5 = 1280 | (b5 & 255);
  i6 = 1536 | (b6 & 255);
  i7 = 1792 | (b7 & 255);
  out[8] = TLO[i0]! ^ TLO[i1]! ^ TLO[i2]! ^ TLO[i3]! ^ TLO[i4]! ^ TLO[i5]! ^ TLO[i6]! ^ TLO[i7]!;
  out[9] = THI[i0]! ^ THI[i1]! ^ THI[i2]! ^ THI[i3]! ^ THI[i4]! ^ THI[i5]! ^ THI[i6]! ^ THI[i7]!;
  // output word 5
  i0 = (b0 >>> 8) & 255;
  i1 = 256 | ((b1 >>> 8) & 255);
  i2 = 512 | ((b2 >>> 8) & 255);
  i3 = 768 | ((b3 >>> 8) & 255);
  i4 = 1024 | ((b4 >>> 8) & 255);
  i5 = 1280 | ((b5 >>> 8) & 255);
  i6 = 1536 | ((b6 >>> 8) & 255);
  i7 = 1792 | ((b7 >>> 8) & 255);
  out[10] = TLO[i0]! ^ TLO[i1]! ^ TLO[i2]! ^ TLO[i3]! ^ TLO[i4]! ^ TLO[i5]! ^ TLO[i6]! ^ TLO[i7]!;
  out[11] = THI[i0]! ^ THI[i1]! ^ THI[i2]! ^ THI[i3]! ^ THI[i4]! ^ THI[i5]! ^ THI[i6]! ^ THI[i7]!;
  // output word 6
  i0 = (b0 >>> 16) & 255;
  i1 = 256 | ((b1 >>> 16) & 255);
  i2 = 512 | ((b2 >>> 16) & 255);
  i3 = 768 | ((b3 >>> 16) & 255);
  i4 = 1024 | ((b4 >>> 16) & 255);
  i5 = 1280 | ((b5 >>> 16) & 255);
  i6 = 1536 | ((b6 >>> 16) & 255);
  i7 = 1792 | ((b7 >>> 16) & 255);
  out[12] = TLO[i0]! ^ TLO[i1]! ^ TLO[i2]! ^ TLO[i3]! ^ TLO[i4]! ^ TLO[i5]! ^ TLO[i6]! ^ TLO[i7]!;
  out[13] = THI[i0]! ^ THI[i1]! ^ THI[i2]! ^ THI[i3]! ^ THI[i4]! ^ THI[i5]! ^ THI[i6]! ^ THI[i7]!;
  // output word 7
  i0 = b0 >>> 24;
  i1 = 256 | (b1 >>> 24);
  i2 = 512 | (b2 >>> 24);
  i3 = 768 | (b3 >>> 24);
  i4 = 1024 | (b4 >>> 24);
  i5 = 1280 | (b5 >>> 24);
  i6 = 1536 | (b6 >>> 24);
  i7 = 1792 | (b7 >>> 24);
  out[14] = TLO[i0]! ^ TLO[i1]! ^ TLO[i2]! ^ TLO[i3]! ^ TLO[i4]! ^ TLO[i5]! ^ TLO[i6]! ^ TLO[i7]!;
  out[15] = THI[i0]! ^ THI[i1]! ^ THI[i2]! ^ THI[i3]! ^ THI[i4]! ^ THI[i5]! ^ THI[i6]! ^ THI[i7]!;
}

/** a += b mod 2^512 (both as 16 little-endian 32-bit halves). */
export function add512(a: Int32Array, b: Int32Array): void {
  let carry = 0;
  for (let i = 0; i < 16; i++) {
    const s = ((a[i] as number) >>> 0) + ((b[i] as number) >>> 0) + carry;
    a[i] = s | 0;
    carry = s > 0xffffffff ? 1 : 0;
  }
}

/** a += n mod 2^512, for a small non-negative n (a bit count below 2^32). */
export function addSmall(a: Int32Array, n: number): void {
  let carry = n;
  for (let i = 0; i < 16 && carry !== 0; i++) {
    const s = ((a[i] as number) >>> 0) + carry;
    a[i] = s | 0;
    carry = s > 0xffffffff ? 1 : 0;
  }
}

/** Reads the 64-byte block at `at` into 16 little-endian 32-bit halves. */
export function readWords(data: Uint8Array, at: number, out: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const p = at + 4 * i;
    out[i] = (data[p] as number) | ((data[p + 1] as number) << 8) | ((data[p + 2] as number) << 16) | ((data[p + 3] as number) << 24);
  }
}

/**
 * h = g_N(h, m) = E(LPS(h ^ N), m) ^ h ^ m, in place in `h`. `k`, `s`, `t` are scratch space
 * (16 halves each, distinct from the others).
 */
export function compressJs(h: Int32Array, n: Int32Array, m: Int32Array, k: Int32Array, s: Int32Array, t: Int32Array): void {
  for (let i = 0; i < 16; i++) t[i] = (h[i] as number) ^ (n[i] as number);
  lps(t, k);
  // E(K, m): 12 rounds of X[K] then LPS, the round keys from K_{i+1} = LPS(K_i ^ C_i); then X[K13].
  for (let i = 0; i < 16; i++) s[i] = (k[i] as number) ^ (m[i] as number);
  for (let round = 0; round < 12; round++) {
    lps(s, t);
    const c = C[round] as Int32Array;
    for (let i = 0; i < 16; i++) s[i] = (k[i] as number) ^ (c[i] as number);
    lps(s, k);
    for (let i = 0; i < 16; i++) s[i] = (t[i] as number) ^ (k[i] as number);
  }
  for (let i = 0; i < 16; i++) h[i] = (s[i] as number) ^ (h[i] as number) ^ (m[i] as number);
}
