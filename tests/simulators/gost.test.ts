/**
 * GOST 34.10-2015 / GOST R 34.10-2012 signatures (gost/gost3410.ts), the GOST-2015 test signer
 * and its CMS (gost/kz-gost.ts, cms.ts), and both simulators with that signer.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { streebog512 } from '../../src-main/core/crypto/streebog';
import { cmsFromBase64OrPem, inspectCms, loadPki, sha256, signCms } from './cms';
import {
  EXAMPLE_CURVE_256,
  PARAMSET_512_A,
  basePoint,
  decodeSignature,
  encodeSignature,
  multiply,
  onCurve,
  publicKey,
  sign,
  signDigest,
  verify,
  verifyDigest,
  generatePrivateKey,
} from './gost/gost3410';
import { KZ_OID, privateKeyOf, publicKeyOfSpki } from './gost/kz-gost';
import { pemToDer } from './fixtures';
import { connectSimClient } from './ncalayer-sim-client';
import { startNcaLayerSimulator } from './ncalayer-sim';
import { startSigexSimulator, type SigexSim } from './sigex-sim';
import { register, sign as signB64, upload } from './sigex-test-client';

const pki = loadPki();
const gost = pki.signers.gost;

describe('GOST R 34.10-2012, appendix A.1 (the standard worked example)', () => {
  const c = EXAMPLE_CURVE_256;
  const d = 0x7a929ade789bb9be10ed359dd39a72c11b60961f49397eee1d19ce9891ec3b28n;
  const e = 0x2dfbc1b372d89a1188c09c52e0eec61fce52032ab1022e8e67ece6672b043ee5n;
  const k = 0x77105c9b20bcd3122823c8cf6fcc7b956de33814e95b7fe64fed924594dceab3n;

  test('public key Q = dP', () => {
    expect(publicKey(c, d)).toEqual({
      x: 0x7f2b49e270db6d90d8595bec458b50c58585ba1d4e9b788f6689dbd8e56fd80bn,
      y: 0x26f1b489d6701dd185c8413a977b3cbbaf64d1c593d26627dffb101a87ff77dan,
    });
  });

  test('signature (r, s) for the given e and k, and it verifies', () => {
    const sig = sign(c, d, e, k);
    expect(sig).toEqual({
      r: 0x41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493n,
      s: 0x01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40n,
    });
    expect(verify(c, publicKey(c, d), e, sig)).toBe(true);
  });

  test('verification fails for another hash, another r or s, out-of-range values, another key', () => {
    const Q = publicKey(c, d);
    const sig = sign(c, d, e, k);
    expect(verify(c, Q, e + 1n, sig)).toBe(false);
    expect(verify(c, Q, e, { ...sig, r: sig.r + 1n })).toBe(false);
    expect(verify(c, Q, e, { ...sig, s: sig.s + 1n })).toBe(false);
    expect(verify(c, Q, e, { ...sig, r: sig.r + c.q })).toBe(false);
    expect(verify(c, Q, e, { r: 0n, s: sig.s })).toBe(false);
    expect(verify(c, publicKey(c, d + 1n), e, sig)).toBe(false);
  });
});

describe('the 512-bit curve NCA RK keys use (tc26 paramSetA)', () => {
  const c = PARAMSET_512_A;

  test('the base point is on the curve and has order q', () => {
    expect(onCurve(c, basePoint(c))).toBe(true);
    expect(multiply(c, c.q, basePoint(c))).toBeNull();
    expect(multiply(c, c.q - 1n, basePoint(c))).toEqual({ x: c.x, y: c.p - c.y }); // (q-1)P = -P
  });

  test('sign and verify a Streebog-512 digest in the CMS byte conventions', () => {
    const d = generatePrivateKey(c);
    const Q = publicKey(c, d);
    const digest = streebog512(Buffer.from('документ'));
    const sig = signDigest(c, d, digest);
    expect(sig).toHaveLength(128);
    expect(verifyDigest(c, Q, digest, sig)).toBe(true);
    expect(verifyDigest(c, Q, streebog512(Buffer.from('другой документ')), sig)).toBe(false);
    const both = decodeSignature(c, sig);
    expect(both && encodeSignature(c, both)).toEqual(sig);
    expect(verifyDigest(c, Q, digest, Buffer.from(sig).reverse())).toBe(false);
  });
});

describe('the GOST-2015 test signer and its CMS', () => {
  test('certificate: NCA key OID and curve, identity in the subject, key pair matches', () => {
    expect(gost.keyAlgorithm).toBe('GOST2015-512');
    expect(gost).toMatchObject({
      iin: expect.stringMatching(/^\d{12}$/),
      bin: expect.stringMatching(/^\d{12}$/),
      email: 'gost2015@sigex-desktop.test',
    });
    const d = privateKeyOf(pemToDer(gost.keyPem));
    const spki = new Uint8Array(new x509.X509Certificate(pemToDer(gost.certPem)).publicKey.rawData);
    const alg = (asn1js.fromBER(spki).result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const [keyOid, params] = alg.valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Sequence];
    expect(keyOid.valueBlock.toString()).toBe(KZ_OID.gost2015Key512);
    expect((params.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(KZ_OID.gost2015Curve512A);
    const fromCert = publicKeyOfSpki(spki);
    const Q = publicKey(PARAMSET_512_A, d);
    expect(fromCert).toEqual(Q);
  });

  test('detached CMS: NCA digest and signature OIDs, Streebog-512 messageDigest, valid signature', async () => {
    const content = Buffer.from('%PDF-1.7 договор');
    const info = await inspectCms(await signCms({ signer: gost, content }));
    expect(info.digestAlgorithmOid).toBe(KZ_OID.gost2015Digest512);
    expect(info.messageDigest).toEqual(streebog512(content));
    expect(info.signatureValid).toBe(true);
    expect(info.signer).toMatchObject({ iin: gost.iin, bin: gost.bin, email: gost.email });
  });

  test('a changed signed attribute breaks the signature', async () => {
    const content = Buffer.from('abc');
    const der = await signCms({ signer: gost, content });
    const at = der.indexOf(streebog512(content));
    der[at] = (der[at] as number) ^ 1;
    expect((await inspectCms(der)).signatureValid).toBe(false);
  });

  test('a SHA-256 digest is refused for a GOST key', async () => {
    await expect(signCms({ signer: gost, digest: sha256(Buffer.from('x')) })).rejects.toThrow(/Streebog-512 digest is 64 bytes/);
  });
});

describe('simulators with the GOST-2015 signer', () => {
  test('NCALayer signs with Streebog-512; signOtherBytes signs something else', async () => {
    const sim = await startNcaLayerSimulator();
    const client = await connectSimClient(sim.url, pki.caCertPem);
    try {
      sim.setMode({ signer: 'gost' });
      const doc = Buffer.from('GOST document\n'.repeat(100));
      const request = {
        module: 'kz.gov.pki.knca.basics',
        method: 'sign',
        args: { format: 'cms', data: doc.toString('base64'), signingParams: { decode: true, encapsulate: false, digested: false } },
      };
      const ok = await client.request(request);
      const info = await inspectCms(cmsFromBase64OrPem((ok['body'] as { result: string }).result));
      expect(info).toMatchObject({ digestAlgorithmOid: KZ_OID.gost2015Digest512, signatureValid: true });
      expect(info.messageDigest).toEqual(streebog512(doc));

      sim.setMode({ signOtherBytes: true });
      const other = await client.request(request);
      const otherInfo = await inspectCms(cmsFromBase64OrPem((other['body'] as { result: string }).result));
      expect(otherInfo.signatureValid).toBe(true);
      expect(otherInfo.digestAlgorithmOid).toBe(KZ_OID.gost2015Digest512);
      expect(otherInfo.messageDigest).not.toEqual(streebog512(doc));
    } finally {
      client.close();
      await sim.stop();
    }
  });

  describe('SIGEX', () => {
    let sim: SigexSim;
    beforeAll(async () => {
      sim = await startSigexSimulator();
    });
    afterAll(() => sim.stop());

    test('registers a GOST signature and reports both digests of the data', async () => {
      const content = Buffer.from('GOST-signed contract');
      const reg = await register(sim, { signer: 'gost', content });
      expect(reg.documentId).toEqual(expect.any(String));
      const up = await upload(sim, reg.documentId, content);
      expect(up.digests).toEqual({
        '2.16.840.1.101.3.4.2.1': sha256(content).toString('base64'),
        [KZ_OID.gost2015Digest512]: streebog512(content).toString('base64'),
      });
      expect(sim.document(reg.documentId)?.signatures[0]).toMatchObject({
        signAlgorithm: KZ_OID.gost2015Sign512,
        iin: gost.iin,
        bin: gost.bin,
      });
    });

    test('refuses data the GOST signature does not cover', async () => {
      const reg = await register(sim, { signature: await signB64('gost', Buffer.from('one text')) });
      const up = await upload(sim, reg.documentId, Buffer.from('another text'));
      expect(up.message).toBe('Signature does not correspond to the document');
    });
  });
});
