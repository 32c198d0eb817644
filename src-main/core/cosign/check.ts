/**
 * Checking a file that carries a SIGEX id in its name (PROTOCOLS.md "Documents that already
 * carry a SIGEX id"): the document card from GET /api/{id}, and whether THIS file's bytes are
 * the registered ones (SHA-256 against the digest SIGEX reports; size against signedDataSize).
 */
import * as path from 'node:path';
import type { CardSignature, DocumentCard, Language } from '../../../src-shared/model';
import { documentPageUrl, verifyPageUrl } from '../../../src-shared/sigex-pages';
import { AppError } from '../errors';
import { snapshot, type FileSnapshot } from '../files';
import type { ByteSource, DocumentInfo, SignatureInfo } from '../sigex/client';
import type { SigexPort } from '../signing/ports';
import { detectSigexId } from '../sigex-id';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';

/** What checking and co-signing need from SIGEX (the real client satisfies it). */
export interface CosignSigexPort extends Pick<SigexPort, 'createQr' | 'sendQrData' | 'waitQrSignatures'> {
  getDocument(documentId: string, o?: { signal?: AbortSignal }): Promise<DocumentInfo>;
  addSignature(documentId: string, signatureB64: string, o?: { signal?: AbortSignal }): Promise<{ documentId: string; signId: number }>;
  uploadData(documentId: string, source: ByteSource, o?: { signal?: AbortSignal }): Promise<unknown>;
  /** The document card decoded into `target` (a new file) as it arrives. */
  buildDdcToFile(documentId: string, source: ByteSource, target: string, o?: { signal?: AbortSignal }): Promise<{ size: number }>;
}

export type { CardSignature, DocumentCard } from '../../../src-shared/model';

/** "CN=..., O=..." -> the value of one attribute. */
export function subjectField(subject: string | undefined, key: string): string | undefined {
  if (!subject) return undefined;
  for (const part of subject.split(/,\s*(?=[A-Za-z0-9.]+=)/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toUpperCase() === key) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function timeOf(s: SignatureInfo): string | undefined {
  const tsp = s['tsp'];
  const candidates = [
    typeof tsp === 'object' && tsp !== null ? (tsp as Record<string, unknown>)['genTime'] : undefined,
    s['signingTime'],
    s['signDate'],
  ];
  for (const c of candidates) {
    if (typeof c === 'number' || (typeof c === 'string' && c !== '')) {
      const d = new Date(c);
      if (!Number.isNaN(d.getTime())) return d.toISOString();
    }
  }
  return undefined;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== false;

export function cardSignature(s: SignatureInfo): CardSignature {
  const strip = (v: unknown, prefix: string) => (typeof v === 'string' && v.startsWith(prefix) ? v.slice(prefix.length) : undefined);
  const iin = strip(s.userId, 'IIN');
  const bin = strip(s.businessId, 'BIN');
  const organisation = subjectField(s.subject, 'O');
  const time = timeOf(s);
  return {
    signId: s.signId,
    signer: subjectField(s.subject, 'CN') ?? s.subject ?? '',
    ...(iin ? { iin } : {}),
    ...(bin ? { bin } : {}),
    ...(organisation ? { organisation } : {}),
    ...(time ? { time } : {}),
    tsp: present(s['tsp']),
    ocsp: present(s['ocsp']),
  };
}

/** Compares the file with the registered data: size first, then SHA-256 when SIGEX reports it. */
export function compareBytes(info: DocumentInfo, snap: Pick<FileSnapshot, 'size' | 'sha256'>): boolean | null {
  if (info.signedDataSize !== undefined && info.signedDataSize !== snap.size) return false;
  const reported = info.digests?.[SHA256_OID];
  if (!reported) return null;
  return Buffer.from(reported, 'base64').toString('hex') === snap.sha256;
}

export function toCard(
  file: string,
  documentId: string,
  info: DocumentInfo,
  snap: FileSnapshot,
  sigexUrl: string,
  lang: Language,
): DocumentCard {
  const st = info.settings ?? {};
  return {
    file,
    documentId,
    title: info.title,
    signaturesTotal: info.signaturesTotal,
    signatures: info.signatures.map(cardSignature),
    signaturesLimit: typeof st.signaturesLimit === 'number' ? st.signaturesLimit : 0,
    restrictions: {
      unique: Array.isArray(st.unique) ? st.unique.filter((u): u is 'iin' | 'bin' => u === 'iin' || u === 'bin') : [],
      requirements: Array.isArray(st.signersRequirements) ? st.signersRequirements.length : 0,
      strictRequirements: st.strictSignersRequirements === true,
    },
    documentUrl: documentPageUrl(sigexUrl, documentId, lang),
    sha256: snap.sha256,
    size: snap.size,
    matches: compareBytes(info, snap),
  };
}

/** The id in the file's name, or the `no-sigex-id` error that offers the verify page. */
export function sigexIdOf(file: string, sigexUrl: string, lang: Language): string {
  const name = path.basename(file);
  const id = detectSigexId(name);
  if (!id) {
    throw new AppError('no-sigex-id', `no SIGEX id in the name of ${file}`, {
      params: { name, verifyUrl: verifyPageUrl(sigexUrl, lang) },
    });
  }
  return id;
}

/**
 * The card for one file. Errors: `no-sigex-id`; SIGEX's `Document not found`, `Access denied`
 * / `Authentication required` (restricted) as sigex-error; file errors as for signing.
 */
export async function checkFile(
  file: string,
  ctx: { sigex: CosignSigexPort; sigexUrl: string; lang: Language; signal?: AbortSignal },
): Promise<DocumentCard> {
  const documentId = sigexIdOf(file, ctx.sigexUrl, ctx.lang);
  const snap = await snapshot(file);
  const info = await ctx.sigex.getDocument(documentId, ctx.signal ? { signal: ctx.signal } : {});
  return toCard(file, documentId, info, snap, ctx.sigexUrl, ctx.lang);
}
