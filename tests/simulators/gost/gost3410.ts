/**
 * TEST ONLY. GOST R 34.10-2012 (GOST 34.10-2015 in Kazakhstan) digital signatures on BigInt:
 * key generation, signing and verification on a short Weierstrass curve y^2 = x^3 + ax + b.
 * For the simulators (a GOST-2015 signer that produces what NCALayer produces, and a SIGEX that
 * checks it). Not constant time and not for real keys: the app itself never signs or verifies
 * GOST (NCALayer signs, SIGEX verifies).
 */
import { randomBytes } from 'node:crypto';

export interface Curve {
  name: string;
  p: bigint;
  a: bigint;
  b: bigint;
  /** order of the base point (the standard's q) */
  q: bigint;
  x: bigint;
  y: bigint;
  /** bytes of a coordinate / of r and s */
  size: number;
}

/** id-tc26-gost-3410-12-512-paramSetA (R 1323565.1.024-2019, RFC 7836), NCA RK's 1.2.398.3.10.1.1.2.2.1. */
export const PARAMSET_512_A: Curve = {
  name: 'tc26-gost-3410-12-512-paramSetA',
  p: BigInt(`0x${'F'.repeat(125)}DC7`),
  a: BigInt(`0x${'F'.repeat(125)}DC4`),
  b: 0x00e8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  q: BigInt(`0x${'F'.repeat(64)}27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275`),
  x: 3n,
  y: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
  size: 64,
};

/** The 256-bit curve of the standard's worked example (GOST R 34.10-2012 appendix A.1): test vectors only. */
export const EXAMPLE_CURVE_256: Curve = {
  name: 'GOST R 34.10-2012 example 1',
  p: 0x8000000000000000000000000000000000000000000000000000000000000431n,
  a: 7n,
  b: 0x5fbff498aa938ce739b8e022fbafef40563f6e6a3472fc2a514c0ce9dae23b7en,
  q: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n,
  x: 2n,
  y: 0x08e2a8a0e65147d4bd6316030e16d19c85c97f0a9ca267122b96abbcea7e8fc8n,
  size: 32,
};

const mod = (a: bigint, m: bigint) => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

/** Inverse modulo a prime (Fermat). */
const inv = (a: bigint, m: bigint) => powMod(a, m - 2n, m);

/** Jacobian point (X/Z^2, Y/Z^3); Z = 0 is the point at infinity. */
interface Jac {
  X: bigint;
  Y: bigint;
  Z: bigint;
}
export interface Point {
  x: bigint;
  y: bigint;
}

const INFINITY: Jac = { X: 1n, Y: 1n, Z: 0n };

function double(c: Curve, P: Jac): Jac {
  const { p } = c;
  if (P.Z === 0n || P.Y === 0n) return INFINITY;
  const yy = (P.Y * P.Y) % p;
  const s = (4n * P.X * yy) % p;
  const zz = (P.Z * P.Z) % p;
  const m = mod(3n * P.X * P.X + c.a * zz * zz, p);
  const X = mod(m * m - 2n * s, p);
  const Y = mod(m * (s - X) - 8n * yy * yy, p);
  const Z = (2n * P.Y * P.Z) % p;
  return { X, Y, Z };
}

function add(c: Curve, P: Jac, Q: Jac): Jac {
  const { p } = c;
  if (P.Z === 0n) return Q;
  if (Q.Z === 0n) return P;
  const z1z1 = (P.Z * P.Z) % p;
  const z2z2 = (Q.Z * Q.Z) % p;
  const u1 = (P.X * z2z2) % p;
  const u2 = (Q.X * z1z1) % p;
  const s1 = (((P.Y * Q.Z) % p) * z2z2) % p;
  const s2 = (((Q.Y * P.Z) % p) * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? double(c, P) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (h * hh) % p;
  const v = (u1 * hh) % p;
  const X = mod(r * r - hhh - 2n * v, p);
  const Y = mod(r * (v - X) - s1 * hhh, p);
  const Z = (((P.Z * Q.Z) % p) * h) % p;
  return { X, Y, Z };
}

function toAffine(c: Curve, P: Jac): Point | null {
  if (P.Z === 0n) return null;
  const zi = inv(P.Z, c.p);
  const zi2 = (zi * zi) % c.p;
  return { x: (P.X * zi2) % c.p, y: (((P.Y * zi2) % c.p) * zi) % c.p };
}

/** k * P (double and add, most significant bit first); null for the point at infinity. */
export function multiply(c: Curve, k: bigint, P: Point): Point | null {
  let R = INFINITY;
  const base: Jac = { X: P.x, Y: P.y, Z: 1n };
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    R = double(c, R);
    if ((k >> i) & 1n) R = add(c, R, base);
  }
  return toAffine(c, R);
}

function sum(c: Curve, P: Point | null, Q: Point | null): Point | null {
  const j = (A: Point | null): Jac => (A ? { X: A.x, Y: A.y, Z: 1n } : INFINITY);
  return toAffine(c, add(c, j(P), j(Q)));
}

export function onCurve(c: Curve, P: Point): boolean {
  return mod(P.y * P.y - (P.x * P.x * P.x + c.a * P.x + c.b), c.p) === 0n;
}

export const basePoint = (c: Curve): Point => ({ x: c.x, y: c.y });

export function publicKey(c: Curve, d: bigint): Point {
  const Q = multiply(c, d, basePoint(c));
  if (!Q) throw new Error('GOST 34.10: private key is a multiple of q');
  return Q;
}

function randomScalar(c: Curve): bigint {
  for (;;) {
    const k = BigInt(`0x${randomBytes(c.size).toString('hex')}`) % c.q;
    if (k > 0n) return k;
  }
}

export const generatePrivateKey = randomScalar;

/** e = alpha mod q, and 1 when that is 0 (section 6.1, step 2). */
const eOf = (c: Curve, alpha: bigint) => mod(alpha, c.q) || 1n;

/**
 * Section 6.1. `alpha` is the hash as a number; `k` only for the standard's vectors.
 * Returns (r, s).
 */
export function sign(c: Curve, d: bigint, alpha: bigint, k?: bigint): { r: bigint; s: bigint } {
  const e = eOf(c, alpha);
  for (;;) {
    const kk = k ?? randomScalar(c);
    const C = multiply(c, kk, basePoint(c));
    const r = C ? C.x % c.q : 0n;
    const s = (r * d + kk * e) % c.q;
    if (r !== 0n && s !== 0n) return { r, s };
    if (k !== undefined) throw new Error('GOST 34.10: the given k gives r = 0 or s = 0');
  }
}

/** Section 7.1. */
export function verify(c: Curve, Q: Point, alpha: bigint, sig: { r: bigint; s: bigint }): boolean {
  const { r, s } = sig;
  if (r <= 0n || r >= c.q || s <= 0n || s >= c.q) return false;
  if (!onCurve(c, Q)) return false;
  const v = inv(eOf(c, alpha), c.q);
  const z1 = (s * v) % c.q;
  const z2 = mod(-r * v, c.q);
  const C = sum(c, multiply(c, z1, basePoint(c)), multiply(c, z2, Q));
  return C !== null && C.x % c.q === r;
}

// ----------------------------------------------------------------- byte conventions

/**
 * How the numbers meet bytes in X.509 / CMS (RFC 4491, RFC 7091, as OpenSSL's GOST engine and
 * BouncyCastle do): the digest bytes are read as a little-endian number; the signature value is
 * s || r, each big-endian of `size` bytes; the public key is x || y, each little-endian.
 */
export const bytesToLittleEndian = (b: Uint8Array): bigint => (b.length ? BigInt(`0x${Buffer.from(b).reverse().toString('hex')}`) : 0n);

const be = (n: bigint, size: number) => Buffer.from(n.toString(16).padStart(size * 2, '0'), 'hex');

export function encodeSignature(c: Curve, sig: { r: bigint; s: bigint }): Buffer {
  return Buffer.concat([be(sig.s, c.size), be(sig.r, c.size)]);
}

export function decodeSignature(c: Curve, bytes: Uint8Array): { r: bigint; s: bigint } | null {
  if (bytes.length !== 2 * c.size) return null;
  const b = Buffer.from(bytes);
  return { s: BigInt(`0x${b.subarray(0, c.size).toString('hex')}`), r: BigInt(`0x${b.subarray(c.size).toString('hex')}`) };
}

export function encodePublicKey(c: Curve, Q: Point): Buffer {
  return Buffer.concat([be(Q.x, c.size).reverse(), be(Q.y, c.size).reverse()]);
}

export function decodePublicKey(c: Curve, bytes: Uint8Array): Point | null {
  if (bytes.length !== 2 * c.size) return null;
  return { x: bytesToLittleEndian(bytes.subarray(0, c.size)), y: bytesToLittleEndian(bytes.subarray(c.size)) };
}

/** Signs a digest (bytes as the hash function returns them). */
export function signDigest(c: Curve, d: bigint, digest: Uint8Array): Buffer {
  return encodeSignature(c, sign(c, d, bytesToLittleEndian(digest)));
}

export function verifyDigest(c: Curve, Q: Point, digest: Uint8Array, signature: Uint8Array): boolean {
  const sig = decodeSignature(c, signature);
  return sig !== null && verify(c, Q, bytesToLittleEndian(digest), sig);
}
