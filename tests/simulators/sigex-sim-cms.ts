/**
 * SIGEX simulator: turning a submitted signature into checked facts. Real checks: the CMS is
 * parsed and its signature over the signed attributes verified (cms.ts `inspectCms`), exactly
 * one SignerInfo, the signer certificate chains to the test CA, and it is valid now.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { inspectCms, loadPki, type CmsInfo } from './cms';
import { pemToDer } from './fixtures';
import { KZ_OID } from './gost/kz-gost';
import type { SimSignature } from './sigex-sim-types';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
/** NCA RK's GOST 34.11-2015 512 (Streebog-512), the digest of GOST-2015 signatures. */
export const STREEBOG512_KZ_OID = KZ_OID.gost2015Digest512;

export const CMS_ERR = {
  parse: 'Failed to parse signature',
  invalid: 'Invalid signature',
  digestAlg: 'Digest algorithm not supported',
  issuer: 'Certificate issuer is unknown',
  expired: 'Signer certificate expired or not yet valid',
} as const;

/** Accepts bare base64 or PEM armour (`-----BEGIN CMS-----`, `PKCS7`, ...). Null when not base64. */
export function decodeSignature(text: string): Buffer | null {
  let body = text.trim();
  const armour = /^-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----$/.exec(body);
  if (armour) body = armour[2] as string;
  body = body.replace(/\s+/g, '');
  if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 === 1) return null;
  return Buffer.from(body, 'base64');
}

export interface CheckedSignature {
  info: CmsInfo;
  sig: Omit<SimSignature, 'signId' | 'receivedAt'>;
  issuedByNca: boolean;
  /** SHA-256 hex of the CMS DER: "the same signature" across submissions. */
  fingerprint: string;
}

let caCache: x509.X509Certificate | null = null;
function testCa(): x509.X509Certificate {
  caCache ??= new x509.X509Certificate(pemToDer(loadPki().caCertPem));
  return caCache;
}

interface CertFacts {
  issuedByNca: boolean;
  authorities: string[];
  keyAlgorithm: string;
}

/**
 * What SIGEX checks on a signer certificate, once per distinct DER (the same certificate comes
 * with every signature of a batch; parsing and verifying it each time was a large part of the
 * simulators' CPU, which shares the machine with the client in npm run bench). null: unreadable.
 */
const certFactsByDer = new Map<string, Promise<CertFacts | null>>();
function certFacts(certDer: Buffer): Promise<CertFacts | null> {
  const key = certDer.toString('latin1');
  let facts = certFactsByDer.get(key);
  if (!facts) {
    facts = readCertFacts(certDer);
    certFactsByDer.set(key, facts);
  }
  return facts;
}

async function readCertFacts(certDer: Buffer): Promise<CertFacts | null> {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(new Uint8Array(certDer));
  } catch {
    return null;
  }
  const ca = testCa();
  let issuedByNca = false;
  try {
    issuedByNca = cert.issuer === ca.subject && (await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }));
  } catch {
    issuedByNca = false;
  }
  return {
    issuedByNca,
    authorities: [
      ...(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? []),
      ...(cert.getExtension(x509.CertificatePolicyExtension)?.policies ?? []),
    ],
    keyAlgorithm: cert.publicKey.algorithm.name,
  };
}

/** Everything SIGEX checks on a signature by itself; returns an error key or the facts. */
export async function checkSignature(text: string, now: number): Promise<CheckedSignature | string> {
  const der = decodeSignature(text);
  if (!der) return CMS_ERR.parse;
  let info: CmsInfo;
  try {
    info = await inspectCms(der);
  } catch {
    return CMS_ERR.parse;
  }
  if (info.signerInfoCount !== 1 || !info.signatureValid) return CMS_ERR.invalid;
  if (info.digestAlgorithmOid !== SHA256_OID && info.digestAlgorithmOid !== STREEBOG512_KZ_OID) return CMS_ERR.digestAlg;
  const facts = await certFacts(info.signer.certDer);
  if (facts === null) return CMS_ERR.parse;
  const issuedByNca = facts.issuedByNca;
  const authorities = [...facts.authorities];
  if (!issuedByNca) return CMS_ERR.issuer;
  if (now < info.signer.notBefore.getTime() || now > info.signer.notAfter.getTime()) return CMS_ERR.expired;
  const signAlgorithm =
    info.digestAlgorithmOid === STREEBOG512_KZ_OID
      ? KZ_OID.gost2015Sign512
      : facts.keyAlgorithm === 'ECDSA'
        ? '1.2.840.10045.4.3.2'
        : '1.2.840.113549.1.1.11';
  const s = info.signer;
  return {
    info,
    issuedByNca,
    fingerprint: createHash('sha256').update(der).digest('hex'),
    sig: {
      ...(s.iin !== undefined ? { iin: s.iin } : {}),
      ...(s.bin !== undefined ? { bin: s.bin } : {}),
      ...(s.email !== undefined ? { email: s.email } : {}),
      subject: s.subject,
      issuer: s.issuer,
      serialNumber: s.serialNumber,
      notBefore: s.notBefore,
      notAfter: s.notAfter,
      authorities,
      signAlgorithm,
      cms: der,
      digestAlgorithm: info.digestAlgorithmOid,
      messageDigest: info.messageDigest,
    },
  };
}
