/**
 * TEST ONLY fixtures: the committed test PKI (tests/simulators/pki/*.pem) loaded and described.
 * Signer identity fields (IIN, BIN, e-mail) are read back from the certificates themselves.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as x509 from '@peculiar/x509';
import { isGostSpki } from './gost/kz-gost';
import { PKI_FILE_NAMES } from './pki/generate';

export const PKI_DIR = path.join(__dirname, 'pki');
/** Absolute paths of the committed PEM files (e.g. for NCALAYER_CA_FILE or `openssl -CAfile`). */
export const PKI_PATHS = Object.fromEntries(Object.entries(PKI_FILE_NAMES).map(([k, name]) => [k, path.join(PKI_DIR, name)])) as Record<
  keyof typeof PKI_FILE_NAMES,
  string
>;

/** `gost`: a legal-entity employee with a GOST 34.10-2015 512-bit key (what NCA RK issues now). */
export type SignerId = 'individual' | 'employee' | 'expired' | 'gost';
export const SIGNER_IDS: readonly SignerId[] = ['individual', 'employee', 'expired', 'gost'];

export interface SignerFixture {
  id: SignerId;
  certPem: string;
  /** PKCS#8 PEM (for GOST: NCA's key OID, see gost/kz-gost.ts) */
  keyPem: string;
  /** issuer chain up to the root, PEM, without the signer itself */
  chainPem: string[];
  keyAlgorithm: 'RSA' | 'ECDSA' | 'GOST2015-512';
  /** 12 digits, no "IIN" prefix (the certificate carries "IIN" + these digits) */
  iin: string;
  /** 12 digits, no "BIN" prefix */
  bin?: string;
  email?: string;
  /** e.g. "CN=ТЕСТОВ ТЕСТ, SURNAME=ТЕСТОВ, SERIALNUMBER=IIN850515300125, C=KZ, ..." */
  subject: string;
}

export interface PkiFixtures {
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  untrustedCaCertPem: string;
  untrustedServerCertPem: string;
  untrustedServerKeyPem: string;
  signers: Record<SignerId, SignerFixture>;
}

export interface CertDetails {
  subject: string;
  issuer: string;
  /** hex, as in the certificate */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  iin?: string;
  bin?: string;
  email?: string;
}

/** RFC 4514-ish short names as NCA RK and SIGEX print them. */
const SHORT_NAMES: Record<string, string> = {
  SURNAME: '2.5.4.4',
  SERIALNUMBER: '2.5.4.5',
  G: '2.5.4.42',
  E: '1.2.840.113549.1.9.1',
};

/** All `-----BEGIN ...-----` blocks of a PEM text (comment lines before them are dropped). */
export function pemBlocks(text: string): string[] {
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)].map((m) => `${m[0]}\n`);
}

export function pemToDer(pem: string): Buffer<ArrayBuffer> {
  const block = pemBlocks(pem)[0];
  if (!block) throw new Error('no PEM block found');
  // Buffer.from(string) is backed by a plain ArrayBuffer (never a SharedArrayBuffer)
  return Buffer.from(block.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, ''), 'base64') as Buffer<ArrayBuffer>;
}

export function derToPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

function nameString(name: x509.Name): string {
  return new x509.Name(name.toArrayBuffer(), SHORT_NAMES).toString();
}

/** Subject/issuer strings and NCA-style identity fields of a certificate (PEM, DER or parsed). */
export function describeCertificate(cert: x509.X509Certificate | Uint8Array | string): CertDetails {
  const c =
    cert instanceof x509.X509Certificate
      ? cert
      : new x509.X509Certificate(typeof cert === 'string' ? pemToDer(cert) : new Uint8Array(cert));
  const serial = c.subjectName.getField('2.5.4.5').find((v) => /^IIN\d{12}$/.test(v));
  const ou = c.subjectName.getField('OU').find((v) => /^BIN\d{12}$/.test(v));
  const san = c.getExtension(x509.SubjectAlternativeNameExtension);
  const email = c.subjectName.getField('E')[0] ?? san?.names.items.find((n) => n.type === 'email')?.value;
  return {
    subject: nameString(c.subjectName),
    issuer: nameString(c.issuerName),
    serialNumber: c.serialNumber,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    ...(serial ? { iin: serial.slice(3) } : {}),
    ...(ou ? { bin: ou.slice(3) } : {}),
    ...(email ? { email } : {}),
  };
}

function read(file: string): string {
  const blocks = pemBlocks(fs.readFileSync(path.join(PKI_DIR, file), 'utf8'));
  if (blocks.length !== 1) throw new Error(`${file}: expected one PEM block, found ${blocks.length}`);
  return blocks[0] as string;
}

function signer(id: SignerId, certFile: string, keyFile: string, caPem: string): SignerFixture {
  const certPem = read(certFile);
  const cert = new x509.X509Certificate(pemToDer(certPem));
  const d = describeCertificate(cert);
  if (!d.iin) throw new Error(`${certFile}: no IIN in the subject`);
  return {
    id,
    certPem,
    keyPem: read(keyFile),
    chainPem: [caPem],
    keyAlgorithm: keyAlgorithmOf(cert),
    iin: d.iin,
    ...(d.bin ? { bin: d.bin } : {}),
    ...(d.email ? { email: d.email } : {}),
    subject: d.subject,
  };
}

function keyAlgorithmOf(cert: x509.X509Certificate): SignerFixture['keyAlgorithm'] {
  if (isGostSpki(new Uint8Array(cert.publicKey.rawData))) return 'GOST2015-512';
  return cert.publicKey.algorithm.name === 'ECDSA' ? 'ECDSA' : 'RSA';
}

let cached: PkiFixtures | undefined;

/** Reads the committed TEST ONLY PEM files (synchronously, once per process). */
export function loadPki(): PkiFixtures {
  if (cached) return cached;
  const F = PKI_FILE_NAMES;
  const caCertPem = read(F.caCert);
  cached = {
    caCertPem,
    serverCertPem: read(F.serverCert),
    serverKeyPem: read(F.serverKey),
    untrustedCaCertPem: read(F.untrustedCaCert),
    untrustedServerCertPem: read(F.untrustedServerCert),
    untrustedServerKeyPem: read(F.untrustedServerKey),
    signers: {
      individual: signer('individual', F.individualCert, F.individualKey, caCertPem),
      employee: signer('employee', F.employeeCert, F.employeeKey, caCertPem),
      expired: signer('expired', F.expiredCert, F.expiredKey, caCertPem),
      gost: signer('gost', F.gostCert, F.gostKey, caCertPem),
    },
  };
  return cached;
}
