/**
 * NCALayer wire formats (PROTOCOLS.md §1): pure parsing and classification, no I/O.
 * Everything NCALayer sends is untrusted input: shapes are checked, and anything unexpected
 * becomes `ncalayer-protocol` rather than a TypeError deep in the client.
 */
import { elementLength } from '../cms-info.js';
import { AppError } from '../errors.js';

export const HEARTBEAT = '--heartbeat--';
export const BASICS_MODULE = 'kz.gov.pki.knca.basics';
export const LEGACY_MODULE = 'kz.gov.pki.knca.commonUtils';
export const KAZTOKEN_MODULE = 'kz.digiflow.mobile.extensions';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function protocolError(message: string, details?: string): AppError {
  return new AppError('ncalayer-protocol', message, details === undefined ? {} : { details });
}

/** Parses one text frame as a JSON object. */
export function parseFrame(text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppError('ncalayer-protocol', 'NCALayer sent a reply that is not JSON', { cause: e, details: preview(text) });
  }
  if (!isObject(value)) throw protocolError('NCALayer sent a reply that is not a JSON object', preview(text));
  return value;
}

/** A short, content-free hint for diagnostics: replies may carry signatures, never documents. */
function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}... (${text.length} chars)` : text;
}

/** `{"result":{"version":"1.4"}}` -> "1.4". */
export function parseGreeting(msg: Json): string {
  const result = msg['result'];
  const version = isObject(result) ? str(result['version']) : undefined;
  if (version === undefined || version === '') {
    throw protocolError('The service on the NCALayer port did not greet like NCALayer', JSON.stringify(msg).slice(0, 120));
  }
  return version;
}

/** KAZTOKEN desktop answers getVersion with code 200 and its name; NCALayer with an error. */
export function parseKaztokenVersion(msg: Json): { name: string; version: string } | null {
  if (str(msg['code']) !== '200') return null;
  const obj = msg['responseObject'];
  if (!isObject(obj)) return null;
  const name = str(obj['name']);
  if (name === undefined || !/kaztoken/i.test(name)) return null;
  return { name, version: str(obj['version']) ?? '' };
}

const MODULE_MISSING_RE = /MODULE_NOT_FOUND|module\W*not\W*found|unknown\W*module|no\W*such\W*module/i;

/** Old NCALayer builds (and clones) that lack a module answer with one of several shapes. */
export function isModuleNotFound(msg: Json): boolean {
  const failed = msg['success'] === false || msg['status'] === false || (msg['code'] !== undefined && str(msg['code']) !== '200');
  if (!failed) return false;
  return ['errorCode', 'code', 'message', 'details'].some((k) => MODULE_MISSING_RE.test(str(msg[k]) ?? ''));
}

export type BasicsOutcome =
  | { kind: 'signed'; signatures: string[] }
  | { kind: 'cancelled' }
  | { kind: 'module-missing' }
  | { kind: 'error'; code: string; message: string; details?: string };

/** Classifies a reply to `kz.gov.pki.knca.basics` `sign` for `count` documents. */
export function classifyBasicsReply(msg: Json, count: number): BasicsOutcome {
  if (isModuleNotFound(msg)) return { kind: 'module-missing' };
  if (msg['status'] === false) {
    const details = str(msg['details']);
    return {
      kind: 'error',
      code: str(msg['code']) ?? str(msg['errorCode']) ?? 'UNKNOWN',
      message: str(msg['message']) ?? '',
      ...(details === undefined ? {} : { details }),
    };
  }
  if (msg['status'] !== true) throw protocolError('NCALayer reply has no status', Object.keys(msg).join(','));
  const body = msg['body'];
  if (!isObject(body)) throw protocolError('NCALayer reply has no body');
  const result = body['result'];
  if (result === undefined || result === null) return { kind: 'cancelled' };
  const list = Array.isArray(result) ? result : [result];
  if (list.length !== count || !list.every((s): s is string => typeof s === 'string' && s.length > 0)) {
    throw protocolError(`NCALayer returned ${list.length} signature(s) for ${count} document(s)`);
  }
  return { kind: 'signed', signatures: list };
}

export type LegacyOutcome = { kind: 'ok'; value: unknown } | { kind: 'cancelled' } | { kind: 'error'; code: string; message: string };

/** Classifies a `kz.gov.pki.knca.commonUtils` reply: `code` "200" / "500" (a string). */
export function classifyLegacyReply(msg: Json): LegacyOutcome {
  const code = str(msg['code']);
  if (code === undefined) throw protocolError('NCALayer legacy reply has no code', Object.keys(msg).join(','));
  if (code === '200') return { kind: 'ok', value: msg['responseObject'] };
  const message = str(msg['message']) ?? '';
  if (/action\.canceled|action\.cancelled/i.test(message)) return { kind: 'cancelled' };
  return { kind: 'error', code, message };
}

const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;
const ARMOUR_RE = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/;

/**
 * A CMS as NCALayer returns it (PEM-armoured or bare base64, possibly with line breaks) ->
 * bytes. Checks that it is strict base64 of exactly one SEQUENCE, in DER or with BER's
 * indefinite lengths (RFC 5652 allows BER; SIGEX reads both).
 */
export function decodeCms(text: string): Buffer {
  const armoured = ARMOUR_RE.exec(text);
  const body = (armoured ? (armoured[1] as string) : text).replace(/\s+/g, '');
  if (body.length === 0 || body.length % 4 !== 0 || !BASE64_RE.test(body)) {
    throw protocolError('NCALayer returned a signature that is not base64');
  }
  const der = Buffer.from(body, 'base64');
  if (der[0] !== 0x30 || elementLength(der) !== der.length) {
    throw protocolError('NCALayer returned a signature that is not one DER/BER SEQUENCE');
  }
  return der;
}

/** Total length (header + content) of the DER element at the start of `der`, or -1. */
export function derLength(der: Uint8Array): number {
  if (der.length < 2) return -1;
  const first = der[1] as number;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || der.length < 2 + n) return -1; // 0 = indefinite (BER, not DER)
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (der[2 + i] as number);
  return 2 + n + len;
}

const UNTRUSTED_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

const NOT_RUNNING_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
]);

export function errorCode(e: unknown): string | undefined {
  return isObject(e) ? str(e['code']) : undefined;
}

/**
 * Maps an error from opening the socket. "Not running" and "certificate not trusted" need
 * different help texts, so TLS failures must never look like a refused connection.
 */
export function classifyConnectError(e: unknown): AppError {
  const code = errorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  if (code !== undefined && (UNTRUSTED_CODES.has(code) || /^ERR_(TLS|SSL)_|CERT/.test(code))) {
    return new AppError('ncalayer-untrusted', `NCALayer's certificate is not trusted (${code})`, { code, cause: e });
  }
  if (code !== undefined && NOT_RUNNING_CODES.has(code)) {
    return new AppError('ncalayer-not-running', `NCALayer is not running (${code})`, { code, cause: e });
  }
  if (/Unexpected server response/i.test(message)) {
    return new AppError('ncalayer-protocol', 'The service on the NCALayer port is not NCALayer', { details: message, cause: e });
  }
  return new AppError('ncalayer-not-running', `Could not connect to NCALayer: ${message}`, {
    ...(code === undefined ? {} : { code }),
    cause: e,
  });
}

// ---------------------------------------------------------------- requests

export const SIGNING_KEY_USAGE_OID = '1.3.6.1.5.5.7.3.4';
export type Locale = 'ru' | 'kk' | 'en';

export interface BasicsSignParams {
  locale: Locale;
  extKeyUsageOids?: readonly string[];
  /** `signerParams.chain: []`: NCALayer then offers keys of test CAs too (test setups only). */
  allowTestKeys?: boolean;
}

/** basics `sign` with `dataMark` where each document's base64 goes (one string, or an array). */
export function basicsSignTemplate(count: number, dataMark: string, p: BasicsSignParams): Json {
  return {
    module: BASICS_MODULE,
    method: 'sign',
    args: {
      allowedStorages: null,
      format: 'cms',
      signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: {} },
      signerParams: {
        extKeyUsageOids: [...(p.extKeyUsageOids ?? [SIGNING_KEY_USAGE_OID])],
        ...(p.allowTestKeys ? { chain: [] } : {}),
      },
      locale: p.locale,
      // Last: whoever reads the request as it arrives knows how to read the (possibly GiB-long)
      // data before it starts (decode, encapsulate), instead of keeping every reading of it.
      data: count === 1 ? dataMark : Array.from({ length: count }, () => dataMark),
    },
  };
}

export const KAZTOKEN_PROBE: Json = { module: KAZTOKEN_MODULE, method: 'getVersion' };
export const GET_ACTIVE_TOKENS: Json = { module: LEGACY_MODULE, method: 'getActiveTokens' };

/** Legacy detached CAdES of base64 data: positional args [storage, keyType, data, attach]. */
export function legacySignTemplate(storage: string, dataMark: string): Json {
  return { module: LEGACY_MODULE, method: 'createCAdESFromBase64', args: [storage, 'SIGNATURE', dataMark, false] };
}
