/**
 * Streebog's compression function g in WebAssembly, 64-bit words: the same tables and steps as
 * streebog-compress.ts (which stays the reference and the fallback), about three times faster. The
 * module is assembled here from a few opcodes (no toolchain, nothing downloaded); its bytes are
 * generated, fully unrolled, from the same loops the JavaScript version runs.
 *
 * Memory (one 64 KiB page, little-endian like the byte-oriented hash):
 *   0      8 x 256 x i64  LPS tables (streebog-tables.ts TLO/THI joined)
 *   16384  12 x 64 bytes  the iteration constants C1..C12
 *   17408  h, K, S, T, N, M: 64 bytes each
 */

const TABLES = 0;
const CONSTS = 16384;
export const H = 17408;
const K = H + 64;
const S = H + 128;
const T = H + 192;
export const N = H + 256;
export const M = H + 320;

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, payload: number[]): number[] => [id, ...uleb(payload.length), ...payload];
const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'latin1')];

const op = {
  localGet: (i: number) => [0x20, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  load8u: (offset: number) => [0x2d, 0, ...uleb(offset)],
  load64: (offset: number) => [0x29, 3, ...uleb(offset)],
  store64: (offset: number) => [0x37, 3, ...uleb(offset)],
  shl: [0x74],
  xor64: [0x85],
  call: (f: number) => [0x10, ...uleb(f)],
};

/** lps(src, dst): out word r = XOR over c of T[c][byte r of input word c] (streebog.ts lps). */
function lpsBody(): number[] {
  const code: number[] = [];
  for (let r = 0; r < 8; r++) {
    code.push(...op.localGet(1));
    for (let c = 0; c < 8; c++) {
      code.push(...op.localGet(0), ...op.load8u(8 * c + r), ...op.i32(3), ...op.shl, ...op.load64(TABLES + 2048 * c));
      if (c > 0) code.push(...op.xor64);
    }
    code.push(...op.store64(8 * r));
  }
  return code;
}

/** dst = a ^ b, 8 words. */
function xor(dst: number, a: number, b: number): number[] {
  const code: number[] = [];
  for (let w = 0; w < 8; w++) {
    code.push(
      ...op.i32(0),
      ...op.i32(0),
      ...op.load64(a + 8 * w),
      ...op.i32(0),
      ...op.load64(b + 8 * w),
      ...op.xor64,
      ...op.store64(dst + 8 * w),
    );
  }
  return code;
}

const lps = (src: number, dst: number) => [...op.i32(src), ...op.i32(dst), ...op.call(0)];

/** g: h = E(LPS(h ^ N), M) ^ h ^ M, as Streebog.g in streebog.ts. */
function gBody(): number[] {
  const code = [...xor(T, H, N), ...lps(T, K), ...xor(S, K, M)];
  for (let round = 0; round < 12; round++) {
    code.push(...lps(S, T), ...xor(S, K, CONSTS + 64 * round), ...lps(S, K), ...xor(S, T, K));
  }
  code.push(...xor(S, S, H), ...xor(H, S, M));
  return code;
}

function body(code: number[]): number[] {
  const b = [0x00, ...code, 0x0b]; // no locals besides the parameters
  return [...uleb(b.length), ...b];
}

export function streebogWasmBytes(): Uint8Array {
  const types = vec([
    [0x60, ...vec([[0x7f], [0x7f]]), 0x00],
    [0x60, 0x00, 0x00],
  ]);
  const funcs = vec([[0x00], [0x01]]);
  const memory = vec([[0x00, 0x01]]);
  const exports = vec([
    [...name('mem'), 0x02, 0x00],
    [...name('g'), 0x00, 0x01],
  ]);
  const code = [...uleb(2), ...body(lpsBody()), ...body(gBody())];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(3, funcs),
    ...section(5, memory),
    ...section(7, exports),
    ...section(10, code),
  ]);
}

/** The part of the WebAssembly API used here (the main build has no DOM typings). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly is unavailable (the JavaScript g is used then). */
export function streebogModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasmApi ? new wasmApi.Module(streebogWasmBytes()) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export interface WasmCompressor {
  /** h, N and M as 16 32-bit halves each, views into the instance's memory. */
  h: Int32Array;
  n: Int32Array;
  m: Int32Array;
  g(): void;
}

/** A fresh instance with the tables and constants written in. */
export function wasmCompressor(tlo: Int32Array, thi: Int32Array, consts: readonly Int32Array[]): WasmCompressor | null {
  const mod = streebogModule();
  if (!mod || !wasmApi) return null;
  let inst: { exports: Record<string, unknown> };
  try {
    inst = new wasmApi.Instance(mod, {});
  } catch {
    // No memory for another instance (V8 reserves address space per instance: a 32-bit process,
    // a tight limit): this hasher runs the JavaScript g instead of failing the check.
    return null;
  }
  const mem = inst.exports['mem'] as { buffer: ArrayBuffer };
  const words = new Int32Array(mem.buffer);
  for (let i = 0; i < tlo.length; i++) {
    words[TABLES / 4 + 2 * i] = tlo[i]!;
    words[TABLES / 4 + 2 * i + 1] = thi[i]!;
  }
  consts.forEach((c, r) => words.set(c, CONSTS / 4 + 16 * r));
  return {
    h: words.subarray(H / 4, H / 4 + 16),
    n: words.subarray(N / 4, N / 4 + 16),
    m: words.subarray(M / 4, M / 4 + 16),
    g: inst.exports['g'] as () => void,
  };
}
