/**
 * What the core reads from a CMS (cms-info.ts): the signed digest and its algorithm, and the
 * signer's certificate. Signers encode CMS in DER or, for the outer layers, in BER with
 * indefinite lengths (BouncyCastle-based ones do): both must read the same.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../src-main/core/errors';
import { summarizeCms } from '../../src-main/core/cms-info';
import { loadPki, signCms } from '../simulators/cms';

/** Header length and content length of the DER element at `pos`. */
function derElement(buf: Buffer, pos: number): { header: number; length: number } {
  const first = buf[pos + 1] as number;
  if (!(first & 0x80)) return { header: 2, length: first };
  const n = first & 0x7f;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (buf[pos + 2 + i] as number);
  return { header: 2 + n, length };
}

/** Re-encodes the constructed elements down to `depth` levels with indefinite lengths. */
function toIndefinite(der: Buffer, depth: number, pos = 0): Buffer {
  const tag = der[pos] as number;
  const { header, length } = derElement(der, pos);
  const whole = der.subarray(pos, pos + header + length);
  if (depth === 0 || !(tag & 0x20)) return whole;
  const parts: Buffer[] = [Buffer.from([tag, 0x80])];
  for (let p = pos + header; p < pos + header + length;) {
    const child = derElement(der, p);
    parts.push(toIndefinite(der, depth - 1, p));
    p += child.header + child.length;
  }
  parts.push(Buffer.from([0, 0]));
  return Buffer.concat(parts);
}

const content = Buffer.from('акт сверки за ноябрь');
let der: Buffer;
beforeAll(async () => {
  der = await signCms({ signer: loadPki().signers.individual, content });
});

describe('summarizeCms', () => {
  it('DER: the digest of the content, SHA-256, the signer with an IIN', () => {
    const s = summarizeCms(der);
    expect(s.messageDigest.equals(createHash('sha256').update(content).digest())).toBe(true);
    expect(s.digestAlgorithm).toBe('2.16.840.1.101.3.4.2.1');
    expect(s.signerInfoCount).toBe(1);
    expect(s.signer?.iin).toMatch(/^\d{12}$/);
  });

  it.each([1, 2, 3, 4, 6])('BER with indefinite lengths on the outer %i levels reads the same as DER', (depth) => {
    const ber = toIndefinite(der, depth);
    expect(ber.equals(der)).toBe(false);
    const s = summarizeCms(ber);
    const d = summarizeCms(der);
    expect(s.messageDigest.equals(d.messageDigest)).toBe(true);
    expect({ ...s, messageDigest: null }).toEqual({ ...d, messageDigest: null });
  });

  it('BER cut before its end-of-contents octets, or DER cut short: not a readable CMS', () => {
    const ber = toIndefinite(der, 3);
    for (const cut of [ber.subarray(0, ber.length - 2), ber.subarray(0, ber.length - 40), der.subarray(0, der.length - 1)]) {
      expect(() => summarizeCms(cut)).toThrow(AppError);
      try {
        summarizeCms(cut);
      } catch (e) {
        expect((e as AppError).kind).toBe('ncalayer-protocol');
      }
    }
  });
});
