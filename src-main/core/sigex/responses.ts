/**
 * SIGEX request and response shapes (PROTOCOLS.md §2) and their checks. A 200 answer whose
 * shape we don't recognise is a server problem (`sigex-server`), not a crash.
 */
import { AppError } from '../errors.js';
import type { DocumentSettings, EmailOutcome } from '../../../src-shared/model';

/** `settings` of POST /api, field for field: the contract's type, shared with the UI. */
export type { DocumentSettings, EmailOutcome } from '../../../src-shared/model';

export interface RegisterRequest {
  title: string;
  description: string;
  signType: 'cms';
  /** Base64 DER CMS (detached, one SignerInfo). */
  signature: string;
  emailNotifications?: { to: string[] };
  settings: DocumentSettings;
}

export interface SignatureAdded {
  documentId: string;
  signId: number;
}

export interface DataResult {
  documentId: string;
  signedDataSize: number;
  digests: Record<string, string>;
  /** As the service sent it (absent when no e-mail was requested). */
  emailNotifications?: unknown;
  emailOutcome: EmailOutcome;
  /** The e-mail address from the signer's certificate that SIGEX will notify from now on. */
  certificateEmail?: string;
  dataArchived: boolean;
}

export interface SignatureInfo {
  signId: number;
  userId?: string;
  businessId?: string;
  subject?: string;
  issuer?: string;
  serialNumber?: string;
  [field: string]: unknown;
}

export interface DocumentInfo {
  title: string;
  description: string;
  signedDataSize?: number;
  signaturesTotal: number;
  signatures: SignatureInfo[];
  settings?: Partial<DocumentSettings> & Record<string, unknown>;
  /** Digests of the registered data by algorithm OID (base64), when SIGEX reports them. */
  digests?: Record<string, string>;
  dataArchived?: boolean;
}

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function badShape(what: string): AppError {
  return new AppError('sigex-server', `SIGEX answered ${what} in an unexpected shape`, { details: what });
}

function reqString(o: Json, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw badShape(what);
  return v;
}

function reqNumber(o: Json, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badShape(what);
  return v;
}

export function parseSignatureAdded(o: Json, what: string): SignatureAdded {
  return { documentId: reqString(o, 'documentId', what), signId: reqNumber(o, 'signId', what) };
}

/**
 * `attached:true` = sent with the document; `attached:false` = sent without it; absent or
 * carrying `message` = not sent.
 */
export function emailOutcomeOf(emailNotifications: unknown): EmailOutcome {
  if (!isObject(emailNotifications)) return 'not-sent';
  const message = emailNotifications['message'];
  if (typeof message === 'string' && message !== '') return 'not-sent';
  if (emailNotifications['attached'] === true) return 'attached';
  if (emailNotifications['attached'] === false) return 'not-attached';
  return 'not-sent';
}

export function parseDataResult(o: Json): DataResult {
  const what = 'the data upload';
  const digestsRaw = o['digests'];
  if (!isObject(digestsRaw)) throw badShape(what);
  const digests: Record<string, string> = {};
  for (const [oid, value] of Object.entries(digestsRaw)) {
    if (typeof value !== 'string') throw badShape(what);
    digests[oid] = value;
  }
  const settings = o['automaticallyCreatedUserSettings'];
  const email = isObject(settings) ? settings['email'] : undefined;
  return {
    documentId: reqString(o, 'documentId', what),
    signedDataSize: reqNumber(o, 'signedDataSize', what),
    digests,
    ...(o['emailNotifications'] === undefined ? {} : { emailNotifications: o['emailNotifications'] }),
    emailOutcome: emailOutcomeOf(o['emailNotifications']),
    ...(typeof email === 'string' && email !== '' ? { certificateEmail: email } : {}),
    dataArchived: o['dataArchived'] === true,
  };
}

export function parseDocumentInfo(o: Json): DocumentInfo {
  const what = 'the document info';
  const signatures = o['signatures'];
  if (!Array.isArray(signatures) || !signatures.every((s) => isObject(s) && typeof s['signId'] === 'number')) {
    throw badShape(what);
  }
  const size = o['signedDataSize'];
  const settings = o['settings'];
  const digestsRaw = o['digests'];
  const digests = isObject(digestsRaw)
    ? Object.fromEntries(Object.entries(digestsRaw).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : undefined;
  return {
    title: typeof o['title'] === 'string' ? o['title'] : '',
    description: typeof o['description'] === 'string' ? o['description'] : '',
    ...(typeof size === 'number' ? { signedDataSize: size } : {}),
    signaturesTotal: typeof o['signaturesTotal'] === 'number' ? o['signaturesTotal'] : signatures.length,
    signatures: signatures as SignatureInfo[],
    ...(isObject(settings) ? { settings: settings as DocumentInfo['settings'] & Json } : {}),
    ...(digests ? { digests } : {}),
    ...(typeof o['dataArchived'] === 'boolean' ? { dataArchived: o['dataArchived'] } : {}),
  };
}
