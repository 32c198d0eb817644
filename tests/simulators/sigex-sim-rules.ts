/**
 * SIGEX simulator: request validation and document settings rules (PROTOCOLS.md §2).
 * Every function returns an error key (answered as HTTP 200 + {"message"}) or null.
 */
import { isValidIinBin } from '../../src-main/core/iin';
import type { DocumentSettings, SignerRequirement, SimDocument, SimSignature } from './sigex-sim-types';

export const E = {
  badJson: 'Failed to parse JSON',
  badStructure: 'Invalid JSON request structure',
  badSettings: 'Invalid format of provided document settings',
  badIin: 'One of the provided IINs is in invalid format',
  badOid: 'One of the provided authority OIDs is in invalid format',
  badTitle: 'Invalid document Title',
  tooManyEmails: 'Too many notification email addresses provided',
  badEmail: 'One of the provided notification email addresses is in invalid format',
  badSignType: 'Signature type is not supported',
  nonconforming: 'Signature does not conform to document settings requirements',
  limit: 'Document signatures limit reached',
} as const;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBool = (v: unknown) => v === undefined || typeof v === 'boolean';
const OID_RE = /^[0-2](\.(0|[1-9]\d*))+$/;
const EMAIL_RE = /^[^\s@<>(),;:"[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** "IIN" / "BIN" + 12 digits with a valid check digit. */
export function isPrefixedId(v: unknown, prefix: 'IIN' | 'BIN'): v is string {
  return typeof v === 'string' && v.startsWith(prefix) && isValidIinBin(v.slice(3));
}

export interface RegisterBody {
  title: string;
  description: string;
  signType: string;
  signature: string;
  emailTo: string[];
  doNotAttachDocuments: boolean;
  settings: DocumentSettings;
}

/** Structure of POST /api (signature content is checked later). */
export function parseRegisterBody(body: unknown, maxEmails: number): RegisterBody | string {
  if (!isObj(body)) return E.badStructure;
  const { title, description, signType, signature, emailNotifications, settings } = body;
  if (typeof signature !== 'string' || (signType !== undefined && typeof signType !== 'string')) return E.badStructure;
  if (description !== undefined && typeof description !== 'string') return E.badStructure;
  if (typeof title !== 'string') return E.badStructure;
  if (title.trim() === '' || title.length > 1024) return E.badTitle;
  if ((signType ?? 'cms') !== 'cms') return E.badSignType;
  let emailTo: string[] = [];
  let doNotAttachDocuments = false;
  if (emailNotifications !== undefined && emailNotifications !== null) {
    if (!isObj(emailNotifications)) return E.badStructure;
    const { to, doNotAttachDocuments: dna } = emailNotifications;
    if (to !== undefined && (!Array.isArray(to) || !to.every((x) => typeof x === 'string'))) return E.badStructure;
    if (!isBool(dna)) return E.badStructure;
    emailTo = (to as string[] | undefined) ?? [];
    doNotAttachDocuments = dna === true;
    const err = checkEmails(emailTo, maxEmails);
    if (err) return err;
  }
  const s = parseSettings(settings);
  if (typeof s === 'string') return s;
  return { title, description: description ?? '', signType: 'cms', signature, emailTo, doNotAttachDocuments, settings: s };
}

export function checkEmails(to: string[], max: number): string | null {
  if (to.length > max) return E.tooManyEmails;
  if (!to.every((a) => a.length <= 254 && EMAIL_RE.test(a))) return E.badEmail;
  return null;
}

const SETTINGS_KEYS = new Set([
  'private',
  'signaturesLimit',
  'switchToPrivateAfterLimitReached',
  'unique',
  'strictSignersRequirements',
  'signersRequirements',
  'documentAccess',
  'forceArchive',
]);
const REQUIREMENT_KEYS = new Set(['iin', 'bin', 'authorities', 'ca']);

export function parseSettings(v: unknown): DocumentSettings | string {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) return E.badSettings;
  if (!Object.keys(v).every((k) => SETTINGS_KEYS.has(k))) return E.badSettings;
  const s = v as Record<string, unknown>;
  for (const k of ['private', 'switchToPrivateAfterLimitReached', 'strictSignersRequirements', 'forceArchive']) {
    if (!isBool(s[k])) return E.badSettings;
  }
  const limit = s.signaturesLimit;
  if (limit !== undefined && !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 0)) return E.badSettings;
  const unique = s.unique;
  if (unique !== undefined && !(Array.isArray(unique) && unique.every((u) => u === 'iin' || u === 'bin'))) return E.badSettings;
  const access = s.documentAccess;
  if (access !== undefined) {
    if (!Array.isArray(access) || !access.every((a) => isObj(a) && Object.keys(a).every((k) => k === 'iin'))) return E.badSettings;
    if (!access.every((a) => isPrefixedId((a as { iin?: unknown }).iin, 'IIN'))) return E.badIin;
  }
  const reqs = s.signersRequirements;
  if (reqs !== undefined) {
    if (!Array.isArray(reqs)) return E.badSettings;
    for (const r of reqs) {
      const err = checkRequirement(r);
      if (err) return err;
    }
  }
  return s as DocumentSettings;
}

function checkRequirement(r: unknown): string | null {
  if (!isObj(r) || !Object.keys(r).every((k) => REQUIREMENT_KEYS.has(k))) return E.badSettings;
  if (Object.keys(r).length === 0) return E.badSettings;
  if (r.iin !== undefined && !isPrefixedId(r.iin, 'IIN')) return E.badIin;
  if (r.bin !== undefined && !isPrefixedId(r.bin, 'BIN')) return E.badIin;
  if (r.ca !== undefined && r.ca !== 'nca') return E.badSettings;
  if (r.authorities !== undefined) {
    if (!Array.isArray(r.authorities)) return E.badSettings;
    if (!r.authorities.every((o) => typeof o === 'string' && OID_RE.test(o))) return E.badOid;
  }
  return null;
}

/** Facts about a signer that requirements are matched against. */
export type SignerFacts = Pick<SimSignature, 'iin' | 'bin' | 'authorities'> & { issuedByNca: boolean };

export function matchesRequirement(s: SignerFacts, r: SignerRequirement): boolean {
  if (r.iin !== undefined && r.iin !== `IIN${s.iin ?? ''}`) return false;
  if (r.bin !== undefined && r.bin !== `BIN${s.bin ?? ''}`) return false;
  if (r.ca !== undefined && !s.issuedByNca) return false;
  if (r.authorities !== undefined && !r.authorities.every((o) => s.authorities.includes(o))) return false;
  return true;
}

/** First signature at POST /api: only `strictSignersRequirements` applies. */
export function checkFirstSignature(settings: DocumentSettings, s: SignerFacts): string | null {
  const reqs = settings.signersRequirements ?? [];
  if (settings.strictSignersRequirements && reqs.length > 0 && !reqs.some((r) => matchesRequirement(s, r))) {
    return E.nonconforming;
  }
  return null;
}

/** A further signature at POST /api/{id}: limit, unique, requirements. */
export function checkAddedSignature(doc: SimDocument, s: SignerFacts): string | null {
  const st = doc.settings;
  const limit = st.signaturesLimit ?? 0;
  if (limit > 0 && doc.signatures.length >= limit) return E.limit;
  const unique = st.unique ?? [];
  if (unique.includes('iin') && s.iin !== undefined && doc.signatures.some((x) => x.iin === s.iin)) return E.nonconforming;
  if (unique.includes('bin') && s.bin !== undefined && doc.signatures.some((x) => x.bin === s.bin)) return E.nonconforming;
  const reqs = st.signersRequirements ?? [];
  if (reqs.length > 0 && !reqs.some((r) => matchesRequirement(s, r))) return E.nonconforming;
  return null;
}

/** After a signature was added: switch to private when the limit is reached and asked to. */
export function applyLimitSwitch(doc: SimDocument): void {
  const limit = doc.settings.signaturesLimit ?? 0;
  if (limit > 0 && doc.signatures.length >= limit && doc.settings.switchToPrivateAfterLimitReached) doc.private = true;
}
