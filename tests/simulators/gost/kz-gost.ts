/**
 * TEST ONLY. NCA RK's GOST-2015 objects as the simulators use them: the OIDs, the key format
 * in certificates and PKCS#8, and a CMS signer / verifier for GOST 34.10-2015 (512 bit) with
 * Streebog-512, shaped like NCALayer's CMS (same signed attributes as cms.ts).
 *
 * OIDs: PROTOCOLS.md §1 only says "NCA's own OIDs (1.2.398.3.10.1...)"; the values below are
 * the ones public Kazakh client code agrees on (several independent projects):
 *   1.2.398.3.10.1.1.2.2      GOST 34.10-2015 512-bit public key
 *   1.2.398.3.10.1.1.2.2.1    its curve (= id-tc26-gost-3410-12-512-paramSetA)
 *   1.2.398.3.10.1.1.2.3.2    signature GOST 34.10-2015 512 with GOST 34.11-2015 512
 *   1.2.398.3.10.1.3.3        digest GOST 34.11-2015 512 (Streebog-512); .3.2 is the 256-bit one
 * Byte order (not documented for NCA anywhere we could read): RFC 4491 / 7091 conventions,
 * see gost3410.ts; messageDigest holds the digest bytes exactly as Streebog returns them.
 */
import * as asn1js from 'asn1js';
import { streebog512 } from '../../../src-main/core/crypto/streebog';
import {
  PARAMSET_512_A,
  decodePublicKey,
  encodePublicKey,
  publicKey,
  signDigest,
  verifyDigest,
  bytesToLittleEndian,
  type Point,
} from './gost3410';

export const KZ_OID = {
  gost2015Key512: '1.2.398.3.10.1.1.2.2',
  gost2015Curve512A: '1.2.398.3.10.1.1.2.2.1',
  gost2015Sign512: '1.2.398.3.10.1.1.2.3.2',
  gost2015Digest512: '1.2.398.3.10.1.3.3',
  gost2015Digest256: '1.2.398.3.10.1.3.2',
} as const;

export const CURVE = PARAMSET_512_A;

function algorithmIdentifier(): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: KZ_OID.gost2015Key512 }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: KZ_OID.gost2015Curve512A })] }),
    ],
  });
}

/** SubjectPublicKeyInfo DER: the key is an OCTET STRING (x || y, little-endian) inside the BIT STRING. */
export function spkiDer(Q: Point): Buffer {
  const inner = new asn1js.OctetString({ valueHex: encodePublicKey(CURVE, Q) }).toBER();
  return Buffer.from(new asn1js.Sequence({ value: [algorithmIdentifier(), new asn1js.BitString({ valueHex: inner })] }).toBER());
}

/** PKCS#8 DER: privateKey = OCTET STRING { OCTET STRING d, little-endian } (RFC 4491 style). */
export function pkcs8Der(d: bigint): Buffer {
  const le = Buffer.from(d.toString(16).padStart(CURVE.size * 2, '0'), 'hex').reverse();
  const key = new asn1js.OctetString({ valueHex: new asn1js.OctetString({ valueHex: le }).toBER() });
  return Buffer.from(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), algorithmIdentifier(), key] }).toBER());
}

function parsed(der: Uint8Array, what: string): asn1js.Sequence {
  const r = asn1js.fromBER(new Uint8Array(der));
  if (r.offset === -1 || !(r.result instanceof asn1js.Sequence)) throw new Error(`${what}: not DER`);
  return r.result;
}

function algOid(seq: asn1js.Sequence): string | undefined {
  const alg = seq.valueBlock.value[0];
  const id = alg instanceof asn1js.Sequence ? alg.valueBlock.value[0] : undefined;
  return id instanceof asn1js.ObjectIdentifier ? id.valueBlock.toString() : undefined;
}

/** The private scalar of a PKCS#8 written by pkcs8Der; throws for anything else. */
export function privateKeyOf(pkcs8: Uint8Array): bigint {
  const seq = parsed(pkcs8, 'GOST PKCS#8');
  const [, alg, key] = seq.valueBlock.value;
  const algId = alg instanceof asn1js.Sequence ? alg.valueBlock.value[0] : undefined;
  if (!(algId instanceof asn1js.ObjectIdentifier) || algId.valueBlock.toString() !== KZ_OID.gost2015Key512) {
    throw new Error('not a GOST-2015 512-bit private key');
  }
  if (!(key instanceof asn1js.OctetString)) throw new Error('GOST PKCS#8: no key');
  const inner = asn1js.fromBER(key.valueBlock.valueHexView).result;
  if (!(inner instanceof asn1js.OctetString)) throw new Error('GOST PKCS#8: key is not an OCTET STRING');
  return bytesToLittleEndian(inner.valueBlock.valueHexView);
}

/** The public point of a GOST-2015 512 SubjectPublicKeyInfo, or null when it is another kind of key. */
export function publicKeyOfSpki(spki: Uint8Array): Point | null {
  const seq = parsed(spki, 'SubjectPublicKeyInfo');
  if (algOid(seq) !== KZ_OID.gost2015Key512) return null;
  const bits = seq.valueBlock.value[1];
  if (!(bits instanceof asn1js.BitString)) return null;
  const inner = asn1js.fromBER(bits.valueBlock.valueHexView).result;
  if (!(inner instanceof asn1js.OctetString)) return null;
  return decodePublicKey(CURVE, inner.valueBlock.valueHexView);
}

export const isGostSpki = (spki: Uint8Array): boolean => algOid(parsed(spki, 'SubjectPublicKeyInfo')) === KZ_OID.gost2015Key512;

export const gostPublicKey = (d: bigint): Point => publicKey(CURVE, d);

/** The signature over DER-encoded signed attributes (SET OF, tag 0x31). */
export function signAttributes(d: bigint, signedAttrsDer: Uint8Array): Buffer {
  return signDigest(CURVE, d, streebog512(signedAttrsDer));
}

export function verifyAttributes(Q: Point, signedAttrsDer: Uint8Array, signature: Uint8Array): boolean {
  return verifyDigest(CURVE, Q, streebog512(signedAttrsDer), signature);
}
