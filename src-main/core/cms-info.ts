/**
 * Reads what the workflow needs from a CMS SignedData produced by NCALayer or eGov mobile:
 * the signed messageDigest and its algorithm (to check the signature covers THIS file before
 * anything is registered) and the signer certificate (IIN, BIN, e-mail, policies: to check
 * signer requirements locally). It does not verify signatures: that is SIGEX's job.
 * A small DER walker (BER indefinite lengths read too), so the core needs no ESM-only crypto package.
 */
import { X509Certificate } from 'node:crypto';
import { AppError } from './errors';

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
  headerStart: number;
  /** Where the next element starts: `end`, or after the end-of-contents octets. */
  next: number;
}

/**
 * One element. DER, and also BER's indefinite length (0x80 ... 00 00) on constructed
 * elements, which some signers (BouncyCastle-based ones among them) use for the outer
 * layers of a CMS: refusing it would make every such signature "not a readable CMS".
 */
function readTlv(buf: Buffer, pos: number, depth = 0): Tlv {
  if (pos + 2 > buf.length) throw new Error('truncated DER');
  if (depth > 64) throw new Error('CMS nested too deeply');
  const tag = buf[pos] as number;
  if ((tag & 0x1f) === 0x1f) throw new Error('unsupported tag');
  let len = buf[pos + 1] as number;
  let p = pos + 2;
  if (len === 0x80) {
    if (!(tag & 0x20)) throw new Error('indefinite length on a primitive element');
    let q = p;
    for (;;) {
      if (q + 2 > buf.length) throw new Error('truncated BER');
      if (buf[q] === 0 && buf[q + 1] === 0) break;
      q = readTlv(buf, q, depth + 1).next;
    }
    return { tag, start: p, end: q, headerStart: pos, next: q + 2 };
  }
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[p + i] as number);
    p += n;
  }
  if (p + len > buf.length) throw new Error('truncated DER');
  return { tag, start: p, end: p + len, headerStart: pos, next: p + len };
}

/** Total length of the DER or BER element at the start of `buf`, or -1 when it is malformed. */
export function elementLength(buf: Buffer): number {
  try {
    return readTlv(buf, 0).next;
  } catch {
    return -1;
  }
}

function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.start; p < parent.end;) {
    const t = readTlv(buf, p);
    out.push(t);
    p = t.next;
  }
  return out;
}

function oid(buf: Buffer, t: Tlv): string {
  const bytes = buf.subarray(t.start, t.end);
  const parts: number[] = [];
  let v = 0;
  for (const b of bytes) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

function nth(list: Tlv[], i: number): Tlv {
  const t = list[i];
  if (!t) throw new Error('unexpected CMS structure');
  return t;
}

export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_CERT_POLICIES = '2.5.29.32';

export interface SignerCertInfo {
  subject: string;
  commonName?: string;
  iin?: string;
  bin?: string;
  email?: string;
  policies: string[];
  validTo: Date;
}

export interface CmsSummary {
  signerInfoCount: number;
  digestAlgorithm: string;
  messageDigest: Buffer;
  signer?: SignerCertInfo;
}

/** Throws AppError('ncalayer-protocol') for anything that is not a SignedData. */
export function summarizeCms(der: Buffer): CmsSummary {
  try {
    const root = readTlv(der, 0);
    const [typeOid, explicit] = children(der, root);
    if (!typeOid || !explicit || oid(der, typeOid) !== OID_SIGNED_DATA) throw new Error('not SignedData');
    const signedData = nth(children(der, explicit), 0);
    const parts = children(der, signedData);
    const certSet = parts.find((t) => t.tag === 0xa0);
    const signerInfos = children(der, nth(parts, parts.length - 1));
    const si = children(der, nth(signerInfos, 0));
    const digestAlgorithm = oid(der, nth(children(der, nth(si, 2)), 0));
    const attrs = si.find((t) => t.tag === 0xa0);
    if (!attrs) throw new Error('no signed attributes');
    let messageDigest: Buffer | undefined;
    for (const attr of children(der, attrs)) {
      const [type, values] = children(der, attr);
      if (type && values && oid(der, type) === OID_MESSAGE_DIGEST) {
        const v = nth(children(der, values), 0);
        messageDigest = Buffer.from(der.subarray(v.start, v.end));
      }
    }
    if (!messageDigest) throw new Error('no messageDigest');
    const serial = issuerSerial(der, nth(si, 1));
    const certs = certSet ? children(der, certSet).map((t) => Buffer.from(der.subarray(t.headerStart, t.next))) : [];
    const signer = pickSigner(certs, serial);
    return { signerInfoCount: signerInfos.length, digestAlgorithm, messageDigest, ...(signer ? { signer } : {}) };
  } catch (e) {
    throw new AppError('ncalayer-protocol', `the signature is not a readable CMS: ${(e as Error).message}`, { cause: e });
  }
}

function issuerSerial(der: Buffer, sid: Tlv): string | null {
  if (sid.tag !== 0x30) return null; // subjectKeyIdentifier form
  const serial = nth(children(der, sid), 1);
  return normaliseSerial(der.subarray(serial.start, serial.end).toString('hex'));
}

function normaliseSerial(hex: string): string {
  return hex.toUpperCase().replace(/^(00)+(?=.)/, '');
}

function pickSigner(certs: Buffer[], serial: string | null): SignerCertInfo | undefined {
  const parsed = certs.map((d) => ({ der: d, x: new X509Certificate(d) }));
  const match =
    parsed.find((c) => serial !== null && normaliseSerial(c.x.serialNumber) === serial) ?? parsed.find((c) => !c.x.ca) ?? parsed[0];
  return match ? describeCert(match.x, match.der) : undefined;
}

function subjectField(subject: string, name: string): string | undefined {
  const line = subject.split('\n').find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1);
}

export function describeCert(x: X509Certificate, der: Buffer): SignerCertInfo {
  const serialNumber = subjectField(x.subject, 'serialNumber');
  const ou = subjectField(x.subject, 'OU');
  const altEmail = /email:([^,\s]+)/.exec(x.subjectAltName ?? '')?.[1];
  const email = subjectField(x.subject, 'emailAddress') ?? altEmail;
  const cn = subjectField(x.subject, 'CN');
  const iin = serialNumber && /^IIN\d{12}$/.test(serialNumber) ? serialNumber.slice(3) : undefined;
  const bin = ou && /^BIN\d{12}$/.test(ou) ? ou.slice(3) : undefined;
  return {
    subject: x.subject.replace(/\n/g, ', '),
    ...(cn ? { commonName: cn } : {}),
    ...(iin ? { iin } : {}),
    ...(bin ? { bin } : {}),
    ...(email ? { email } : {}),
    policies: certificatePolicies(der),
    validTo: new Date(x.validTo),
  };
}

/** certificatePolicies extension OIDs, found by walking tbsCertificate.extensions. */
function certificatePolicies(der: Buffer): string[] {
  const cert = readTlv(der, 0);
  const tbs = nth(children(der, cert), 0);
  const extsWrapper = children(der, tbs).find((t) => t.tag === 0xa3);
  if (!extsWrapper) return [];
  const exts = children(der, nth(children(der, extsWrapper), 0));
  for (const ext of exts) {
    const fields = children(der, ext);
    if (oid(der, nth(fields, 0)) !== OID_CERT_POLICIES) continue;
    const octets = nth(fields, fields.length - 1);
    const seq = readTlv(der, octets.start);
    return children(der, seq).map((pi) => oid(der, nth(children(der, pi), 0)));
  }
  return [];
}
