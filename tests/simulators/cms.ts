/**
 * Real CMS SignedData (RFC 5652) for the simulators, built with pkijs on Node's WebCrypto.
 * Same shape as NCALayer's CMS: v1, one SignerInfo, signer + CA certificates included,
 * signed attributes contentType, signingTime, signingCertificateV2, messageDigest.
 * Signing works from a SHA-256 digest, so callers can hash huge files as a stream.
 */
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { streebog512 } from '../../src-main/core/crypto/streebog';
import { describeCertificate, pemToDer, type CertDetails, type SignerFixture } from './fixtures';
import { KZ_OID, privateKeyOf, publicKeyOfSpki, signAttributes, verifyAttributes } from './gost/kz-gost';

export { loadPki, type PkiFixtures, type SignerFixture } from './fixtures';

pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as Crypto }));

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  streebog512Kz: KZ_OID.gost2015Digest512,
} as const;

export function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

const keyCache = new Map<string, Promise<CryptoKey>>();
const gostKeys = new Map<string, bigint>();

const isGost = (signer: SignerFixture) => signer.keyAlgorithm === 'GOST2015-512';

function gostKey(signer: SignerFixture): bigint {
  let d = gostKeys.get(signer.keyPem);
  if (d === undefined) {
    d = privateKeyOf(pemToDer(signer.keyPem));
    gostKeys.set(signer.keyPem, d);
  }
  return d;
}

/** The digest a signer's CMS carries: Streebog-512 for GOST-2015 keys, SHA-256 otherwise. */
export function digestFor(signer: SignerFixture, content: Uint8Array): Buffer {
  return isGost(signer) ? streebog512(content) : sha256(content);
}

function importKey(signer: SignerFixture): Promise<CryptoKey> {
  let key = keyCache.get(signer.keyPem);
  if (!key) {
    const alg = signer.keyAlgorithm === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
    key = webcrypto.subtle.importKey('pkcs8', pemToDer(signer.keyPem), alg, false, ['sign']) as Promise<CryptoKey>;
    keyCache.set(signer.keyPem, key);
  }
  return key;
}

/**
 * Certificates parsed once per PEM / DER. The same few signer and CA certificates come with
 * every request, and parsing them again each time was a third of the simulators' CPU in a
 * batch (npm run bench): a real SIGEX does that work on its own machine, not on the user's.
 */
const parsedCerts = new Map<string, { cert: pkijs.Certificate; der: Buffer<ArrayBuffer> }>();
const certDetails = new Map<string, CertDetails>();

function parseCert(pem: string): { cert: pkijs.Certificate; der: Buffer<ArrayBuffer> } {
  let parsed = parsedCerts.get(pem);
  if (!parsed) {
    const der = pemToDer(pem);
    parsed = { cert: pkijs.Certificate.fromBER(der), der };
    parsedCerts.set(pem, parsed);
  }
  return parsed;
}

function detailsOf(certDer: Buffer): CertDetails {
  const key = certDer.toString('latin1');
  let details = certDetails.get(key);
  if (!details) {
    details = describeCertificate(certDer);
    certDetails.set(key, details);
  }
  return { ...details };
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035); SHA-256 is the DEFAULT, so omitted. */
function signingCertificateV2(cert: pkijs.Certificate, certDer: Buffer): asn1js.Sequence {
  const generalNames = new asn1js.Sequence({
    value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
  });
  const issuerSerial = new asn1js.Sequence({
    value: [generalNames, new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView })],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certDer) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function timeValue(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  const d = new Date(Math.floor(date.getTime() / 1000) * 1000);
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050 ? new asn1js.UTCTime({ valueDate: d }) : new asn1js.GeneralizedTime({ valueDate: d });
}

/** DER: the elements of a SET OF are sorted by their encodings (verifiers like OpenSSL re-encode signed attributes). */
function derSorted(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  const enc = (a: pkijs.Attribute) => Buffer.from(a.toSchema().toBER());
  return attrs
    .map((a) => ({ a, e: enc(a) }))
    .sort((x, y) => Buffer.compare(x.e, y.e))
    .map((x) => x.a);
}

/**
 * signingTime has whole seconds and RSA signatures are deterministic, so two signatures of
 * the same bytes within one second would be identical (SIGEX rejects the second as "already
 * submitted"). A real user can't sign twice in a second; tests can, so the simulated clock
 * never repeats a second.
 */
let lastSigningSecond = 0;
function nextSigningTime(): Date {
  const second = Math.max(Math.floor(Date.now() / 1000), lastSigningSecond + 1);
  lastSigningSecond = second;
  return new Date(second * 1000);
}

/**
 * Detached (or attached when encapsulate) CMS SignedData v1, one SignerInfo, signer + CA certs
 * included, signed attrs contentType, signingTime, signingCertificateV2, messageDigest.
 * Pass either content or a precomputed digest (or both, which must agree): SHA-256, or for a
 * GOST-2015 signer Streebog-512 (then the SignerInfo names NCA's digest and signature OIDs and
 * the signature is GOST 34.10-2015, gost/kz-gost.ts). Returns DER.
 */
export async function signCms(o: {
  signer: SignerFixture;
  content?: Buffer;
  digest?: Buffer;
  encapsulate?: boolean;
  signingTime?: Date;
}): Promise<Buffer> {
  if (!o.content && !o.digest) throw new Error('signCms: content or digest required');
  if (o.encapsulate && !o.content) throw new Error('signCms: encapsulate needs the content, not a digest');
  const gost = isGost(o.signer);
  const digest = o.digest ?? digestFor(o.signer, o.content as Buffer);
  const want = gost ? 64 : 32;
  if (digest.length !== want)
    throw new Error(`signCms: a ${gost ? 'Streebog-512' : 'SHA-256'} digest is ${want} bytes, got ${digest.length}`);
  if (o.content && o.digest && !digestFor(o.signer, o.content).equals(o.digest)) throw new Error('signCms: digest does not match content');

  const signer = parseCert(o.signer.certPem);
  const chain = o.signer.chainPem.map((pem) => parseCert(pem).cert);
  const attributes = derSorted([
    new pkijs.Attribute({ type: OIDS.contentType, values: [new asn1js.ObjectIdentifier({ value: OIDS.data })] }),
    new pkijs.Attribute({ type: OIDS.signingTime, values: [timeValue(o.signingTime ?? nextSigningTime())] }),
    new pkijs.Attribute({ type: OIDS.signingCertificateV2, values: [signingCertificateV2(signer.cert, signer.der)] }),
    new pkijs.Attribute({ type: OIDS.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
  ]);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  const gostFields = gost ? gostSignerFields(o.signer, signedAttrs) : {};
  const signedData = new pkijs.SignedData({
    version: 1,
    ...(gost ? { digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.streebog512Kz })] } : {}),
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OIDS.data,
      ...(o.encapsulate ? { eContent: new asn1js.OctetString({ valueHex: o.content as Buffer }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.cert.issuer, serialNumber: signer.cert.serialNumber }),
        signedAttrs,
        ...gostFields,
      }),
    ],
    certificates: [signer.cert, ...chain],
  });
  if (!gost) await signedData.sign(await importKey(o.signer), 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({ contentType: OIDS.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER());
}

/** SignerInfo fields pkijs cannot produce for GOST: NCA's algorithm OIDs and the GOST signature over the signed attributes. */
function gostSignerFields(signer: SignerFixture, signedAttrs: pkijs.SignedAndUnsignedAttributes): Partial<pkijs.SignerInfoParameters> {
  const der = new Uint8Array(signedAttrs.toSchema().toBER());
  der[0] = 0x31; // signed over as a SET OF (RFC 5652 §5.4), stored as [0] IMPLICIT
  return {
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.streebog512Kz }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: KZ_OID.gost2015Sign512 }),
    signature: new asn1js.OctetString({ valueHex: signAttributes(gostKey(signer), der) }),
  };
}

export interface CmsInfo {
  signerInfoCount: number;
  digestAlgorithmOid: string;
  messageDigest: Buffer;
  /** signature over the signed attributes, checked with the signer certificate's key (not the content, not the chain) */
  signatureValid: boolean;
  encapsulatedContent?: Buffer;
  signingTime?: Date;
  signer: CertDetails & { certDer: Buffer };
}

function parseSignedData(der: Uint8Array): pkijs.SignedData {
  const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(der));
  if (contentInfo.contentType !== OIDS.signedData) throw new Error(`not CMS SignedData: ${contentInfo.contentType}`);
  return new pkijs.SignedData({ schema: contentInfo.content });
}

/** What inspectCms reads of a SignedData; its certificates with their DER as sent. */
interface SignedDataParts {
  signerInfos: pkijs.SignerInfo[];
  certificates: Array<{ cert: pkijs.Certificate; der: Buffer }>;
  encapContentInfo: pkijs.EncapsulatedContentInfo;
}

const certsByDer = new Map<string, pkijs.Certificate>();

/**
 * SignedData (RFC 5652 §5.1) read element by element: the signer infos and the encapsulated
 * content by pkijs, each certificate by pkijs once per distinct DER. Matching the whole CMS
 * against pkijs' SignedData schema, certificates included, cost ~8 ms per request, the largest
 * part of the simulated SIGEX's CPU in a batch (npm run bench); the structure is checked here.
 */
function signedDataParts(der: Uint8Array): SignedDataParts {
  const asn = asn1js.fromBER(new Uint8Array(der));
  if (asn.offset === -1 || !(asn.result instanceof asn1js.Sequence)) throw new Error('CMS is not a BER SEQUENCE');
  const [type, explicit] = asn.result.valueBlock.value;
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== OIDS.signedData)
    throw new Error(`not CMS SignedData: ${type instanceof asn1js.ObjectIdentifier ? type.valueBlock.toString() : '?'}`);
  if (!(explicit instanceof asn1js.Constructed) || explicit.idBlock.tagClass !== 3 || explicit.idBlock.tagNumber !== 0)
    throw new Error('SignedData without its [0] wrapper');
  const sd = explicit.valueBlock.value[0];
  if (!(sd instanceof asn1js.Sequence)) throw new Error('SignedData is not a SEQUENCE');
  const parts = sd.valueBlock.value;
  const [version, digestAlgorithms, encap] = parts;
  const last = parts[parts.length - 1];
  if (
    !(version instanceof asn1js.Integer) ||
    !(digestAlgorithms instanceof asn1js.Set) ||
    !(encap instanceof asn1js.Sequence) ||
    !(last instanceof asn1js.Set)
  )
    throw new Error('malformed SignedData');
  const certSet = parts.slice(3, -1).find((p) => p.idBlock.tagClass === 3 && p.idBlock.tagNumber === 0);
  const certificates = ((certSet as asn1js.Constructed | undefined)?.valueBlock.value ?? []).map((block) => {
    const certDer = Buffer.from(block.valueBeforeDecodeView);
    const key = certDer.toString('latin1');
    let cert = certsByDer.get(key);
    if (!cert) {
      cert = pkijs.Certificate.fromBER(certDer);
      certsByDer.set(key, cert);
    }
    return { cert, der: certDer };
  });
  return {
    signerInfos: last.valueBlock.value.map((block) => new pkijs.SignerInfo({ schema: block })),
    certificates,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ schema: encap }),
  };
}

function findSignerCert(sd: SignedDataParts, si: pkijs.SignerInfo): { cert: pkijs.Certificate; der: Buffer } {
  const sid = si.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) throw new Error('SignerInfo without issuerAndSerialNumber');
  const found = sd.certificates.find(({ cert: c }) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  if (!found) throw new Error('signer certificate is not included in the CMS');
  return found;
}

/** Parses and checks the signature over the signed attributes (not the content). Throws on malformed input. */
export async function inspectCms(der: Buffer): Promise<CmsInfo> {
  const sd = signedDataParts(der);
  const si = sd.signerInfos[0];
  if (!si) throw new Error('CMS has no SignerInfo');
  if (!si.signedAttrs) throw new Error('SignerInfo has no signed attributes');
  const attr = (oid: string) => si.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
  const md = attr(OIDS.messageDigest);
  if (!(md instanceof asn1js.OctetString)) throw new Error('messageDigest attribute missing');
  const time = attr(OIDS.signingTime);
  const { cert, der: certDer } = findSignerCert(sd, si);
  const crypto = pkijs.getCrypto(true);
  const hash = crypto.getAlgorithmByOID(si.digestAlgorithm.algorithmId);
  const gostKey =
    si.signatureAlgorithm.algorithmId === KZ_OID.gost2015Sign512
      ? publicKeyOfSpki(new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER()))
      : null;
  const signatureValid = gostKey
    ? si.digestAlgorithm.algorithmId === OIDS.streebog512Kz &&
      verifyAttributes(gostKey, new Uint8Array(si.signedAttrs.encodedValue), si.signature.valueBlock.valueHexView)
    : 'name' in hash
      ? await crypto
          .verifyWithPublicKey(si.signedAttrs.encodedValue, si.signature, cert.subjectPublicKeyInfo, si.signatureAlgorithm, hash.name)
          .catch(() => false)
      : false;
  const eContent = sd.encapContentInfo.eContent;
  return {
    signerInfoCount: sd.signerInfos.length,
    digestAlgorithmOid: si.digestAlgorithm.algorithmId,
    messageDigest: Buffer.from(md.valueBlock.valueHexView),
    signatureValid,
    ...(eContent ? { encapsulatedContent: Buffer.from(eContent.getValue()) } : {}),
    ...(time instanceof asn1js.UTCTime ? { signingTime: time.toDate() } : {}),
    signer: { ...detailsOf(certDer), certDer },
  };
}

/**
 * Full pkijs verification of a CMS over in-memory content: message digest, signature and the
 * chain to the given trusted CA at checkDate (default now). Resolves true/false, never throws
 * for a bad signature (throws only for unparseable input).
 */
export async function verifyCmsWithPkijs(der: Buffer, o: { content?: Buffer; trustedCaPem: string; checkDate?: Date }): Promise<boolean> {
  const sd = parseSignedData(der);
  const trusted = pkijs.Certificate.fromBER(pemToDer(o.trustedCaPem));
  try {
    return await sd.verify({
      signer: 0,
      trustedCerts: [trusted],
      checkChain: true,
      checkDate: o.checkDate ?? new Date(),
      ...(o.content ? { data: new Uint8Array(o.content).buffer } : {}),
    });
  } catch {
    return false;
  }
}

/** Accepts "-----BEGIN CMS-----" (or PKCS7 / SIGNED DATA) armour, or bare base64 with any whitespace. */
export function cmsFromBase64OrPem(text: string): Buffer {
  const body = text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new Error('CMS text is neither PEM nor base64');
  return Buffer.from(body, 'base64');
}

/** PEM-armours a DER CMS the way NCALayer does: 64-character lines. */
export function cmsToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CMS-----\n${lines.join('\n')}\n-----END CMS-----`;
}
