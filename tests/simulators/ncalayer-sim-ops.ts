/**
 * NCALayer simulator: what one request means and how each outcome is answered
 * (PROTOCOLS.md §1). The server part (sockets, scripting, stats) is in ncalayer-sim.ts.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { cmsToPem, digestFor, loadPki, signCms } from './cms';
import { describeCertificate, pemToDer, type SignerId } from './fixtures';
import {
  BigString,
  decodeDocument,
  DEFAULT_TUNING,
  InvalidBase64Error,
  JsonScanError,
  parseJsonBuffer,
  withoutBigStrings,
  type DecodedDocument,
  type JsonLike,
  type ScanTuning,
} from './ncalayer-sim-parse';

export const BASICS_MODULE = 'kz.gov.pki.knca.basics';
export const COMMON_UTILS_MODULE = 'kz.gov.pki.knca.commonUtils';
export const KAZTOKEN_MODULE = 'kz.digiflow.mobile.extensions';
export const MODULE_NOT_FOUND = { success: false, errorCode: 'MODULE_NOT_FOUND' } as const;

/** What the "user" does with the next operation (scripted per request, or the mode's default). */
export type SimOutcome =
  | 'sign'
  | 'cancel'
  | 'hang'
  | 'drop'
  | { kind: 'sign' | 'cancel' | 'hang' | 'drop' }
  | { kind: 'error'; code?: string; message?: string; details?: string }
  /** wait ms, then apply `then` (default: sign) */
  | { kind: 'delay'; ms: number; then?: SimOutcome };

export interface NcaLayerSimMode {
  /** default outcome once the script queue is empty (default 'sign') */
  outcome: SimOutcome;
  /** which fixture signs (default 'individual') */
  signer: SignerId;
  /** basics.sign results: PEM armour "-----BEGIN CMS-----" (default) or bare base64 */
  resultFormat: 'pem' | 'base64';
  /** answer the KAZTOKEN getVersion probe as KAZTOKEN desktop (default false: MODULE_NOT_FOUND like NCALayer) */
  kaztoken: boolean;
  /** commonUtils.getActiveTokens answer */
  activeTokens: string[];
  /** greeting version (default "1.4") */
  version: string;
  /** largest document the simulator will embed for encapsulate:true (default 256 MiB) */
  maxEncapsulateBytes: number;
  /**
   * A faulty or substituted signing service: each signature covers OTHER bytes than the ones
   * sent (a real, valid CMS over the wrong content). Default false.
   */
  signOtherBytes: boolean;
}

export const DEFAULT_MODE: NcaLayerSimMode = {
  outcome: 'sign',
  signer: 'individual',
  resultFormat: 'pem',
  kaztoken: false,
  activeTokens: ['AKKaztokenStore'],
  version: '1.4',
  maxEncapsulateBytes: 256 * 1024 * 1024,
  signOtherBytes: false,
};

export interface LoggedRequest {
  module: string;
  method: string;
  documentCount: number;
  /** per `data` item: decoded size and SHA-256 (hex) of the decoded bytes */
  documents: { size: number; sha256: string }[];
  /** the request's args with the data left out (and any other huge string summarised) */
  args: unknown;
  uuid?: string;
  at: Date;
}

export type Obj = { [key: string]: JsonLike };
type Response = Record<string, unknown>;
type Flavor = 'basics' | 'common';

/** A request that goes through the "dialog": the scripted outcome decides how it is answered. */
export interface Operation {
  flavor: Flavor;
  log: LoggedRequest;
  sign(mode: NcaLayerSimMode): Promise<Response>;
  uuid?: string;
}

export type Plan = { kind: 'reply'; response: Response; log?: LoggedRequest } | { kind: 'operation'; op: Operation };

export class InvalidRequest extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const isObj = (v: JsonLike | undefined): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof BigString);

export function flag(v: JsonLike | undefined, name: string, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new InvalidRequest('INVALID_SIGNING_PARAMS', `${name} must be a boolean`);
}

function dataItems(v: JsonLike | undefined): (string | BigString)[] {
  const items = Array.isArray(v) ? v : [v];
  if (items.length === 0) throw new InvalidRequest('INVALID_SIGNING_PARAMS', 'data is empty');
  return items.map((d) => {
    if (typeof d === 'string' || d instanceof BigString) return d;
    throw new InvalidRequest('INVALID_SIGNING_PARAMS', 'data must be a string or an array of strings');
  });
}

function decodeAll(
  items: (string | BigString)[],
  o: { decode: boolean; keep: boolean; keepLimit: number; streebog?: boolean },
): DecodedDocument[] {
  try {
    return items.map((item) => decodeDocument(item, o));
  } catch (e) {
    if (e instanceof InvalidBase64Error) throw new InvalidRequest('INVOCATION_ERROR', e.message);
    if (e instanceof SyntaxError) throw new InvalidRequest('INVOCATION_ERROR', `bad escape in data: ${e.message}`);
    throw e;
  }
}

function logOf(module: string, method: string, args: unknown, docs: DecodedDocument[], uuid?: string): LoggedRequest {
  return {
    module,
    method,
    documentCount: docs.length,
    documents: docs.map((d) => ({ size: d.size, sha256: d.sha256.toString('hex') })),
    args,
    ...(uuid !== undefined ? { uuid } : {}),
    at: new Date(),
  };
}

/** The signing key's hash: Streebog-512 for a GOST-2015 key (PROTOCOLS.md §1), SHA-256 otherwise. */
export const signsWithStreebog = (id: SignerId) => loadPki().signers[id].keyAlgorithm === 'GOST2015-512';

async function signDocs(mode: NcaLayerSimMode, docs: DecodedDocument[], o: { digested: boolean; encapsulate: boolean }): Promise<Buffer[]> {
  const signer = loadPki().signers[mode.signer];
  const gost = signsWithStreebog(mode.signer);
  const out: Buffer[] = [];
  for (const d of docs) {
    if (mode.signOtherBytes) {
      const other = Buffer.concat([Buffer.from('another document: '), o.digested || o.encapsulate ? (d.bytes as Buffer) : d.sha256]);
      out.push(await signCms(o.encapsulate ? { signer, content: other, encapsulate: true } : { signer, digest: digestFor(signer, other) }));
      continue;
    }
    const contentDigest = gost ? (d.streebog512 ?? (d.bytes ? digestFor(signer, d.bytes) : undefined)) : d.sha256;
    if (!contentDigest) throw new Error('simulator: the GOST signer was chosen after the request was read (no Streebog-512 of the data)');
    const digest = o.digested ? (d.bytes as Buffer) : contentDigest;
    out.push(await signCms({ signer, digest, ...(o.encapsulate ? { content: d.bytes as Buffer, encapsulate: true } : {}) }));
  }
  return out;
}

function planBasicsSign(req: Obj, keepLimit: number, gost: boolean): Operation {
  const args = req['args'];
  if (!isObj(args)) throw new InvalidRequest('INVALID_SIGNING_PARAMS', 'args must be an object');
  const format = args['format'];
  if (typeof format === 'string' && format.toLowerCase() !== 'cms') {
    throw new InvalidRequest('INVOCATION_ERROR', `format ${format} is not supported by the simulator`);
  }
  const sp = isObj(args['signingParams']) ? args['signingParams'] : {};
  const decode = flag(sp['decode'], 'decode', true);
  const encapsulate = flag(sp['encapsulate'], 'encapsulate', true);
  const digested = flag(sp['digested'], 'digested', false);
  if (digested && (encapsulate || !decode)) {
    throw new InvalidRequest('INVALID_SIGNING_PARAMS', 'digested data needs decode:true and encapsulate:false');
  }
  const items = dataItems(args['data']);
  const docs = decodeAll(items, { decode, keep: encapsulate || digested, keepLimit, streebog: gost && !digested });
  const hashSize = gost ? 64 : 32;
  if (digested && docs.some((d) => d.size !== hashSize)) {
    throw new InvalidRequest(
      'INVALID_SIGNING_PARAMS',
      gost
        ? 'digested data must be a Streebog-512 hash (64 bytes) for GOST-2015 keys'
        : 'digested data must be a SHA-256 hash (32 bytes) for RSA/ECDSA keys',
    );
  }
  if (encapsulate && docs.some((d) => !d.bytes)) {
    throw new InvalidRequest('GENERAL_ERROR', `document too large to encapsulate (simulator limit ${keepLimit} bytes)`);
  }
  const { data: _omitted, ...rest } = args;
  const log = logOf(BASICS_MODULE, 'sign', withoutBigStrings(rest), docs);
  const many = Array.isArray(args['data']);
  return {
    flavor: 'basics',
    log,
    async sign(mode) {
      const cms = await signDocs(mode, docs, { digested, encapsulate });
      const texts = cms.map((der) => (mode.resultFormat === 'pem' ? cmsToPem(der) : der.toString('base64')));
      return { status: true, body: { result: many ? texts : texts[0] } };
    },
  };
}

function keyInfo(id: SignerId): Response {
  const s = loadPki().signers[id];
  const cert = new x509.X509Certificate(pemToDer(s.certPem));
  const d = describeCertificate(cert);
  const cn = (n: x509.Name) => n.getField('CN')[0] ?? '';
  return {
    alias: cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? d.serialNumber,
    keyId: cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? '',
    algorithm: s.keyAlgorithm,
    subjectCn: cn(cert.subjectName),
    subjectDn: d.subject,
    issuerCn: cn(cert.issuerName),
    issuerDn: d.issuer,
    serialNumber: d.serialNumber,
    certNotBefore: String(d.notBefore.getTime()),
    certNotAfter: String(d.notAfter.getTime()),
    authorityKeyIdentifier: cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId ?? '',
    pem: s.certPem.trim(),
  };
}

function planCommonUtils(req: Obj, method: string, keepLimit: number, gost: boolean): Operation {
  const uuid = typeof req['uuid'] === 'string' ? req['uuid'] : undefined;
  const args = req['args'] ?? [];
  if (!Array.isArray(args)) throw new InvalidRequest('500', 'args must be an array');
  const base = { flavor: 'common' as const, ...(uuid !== undefined ? { uuid } : {}) };
  const ok = (responseObject: unknown): Response => ({ code: '200', responseObject, ...(uuid !== undefined ? { uuid } : {}) });
  switch (method) {
    case 'getActiveTokens':
      return { ...base, log: logOf(COMMON_UTILS_MODULE, method, withoutBigStrings(args), [], uuid), sign: async (m) => ok(m.activeTokens) };
    case 'getKeyInfo':
      return {
        ...base,
        log: logOf(COMMON_UTILS_MODULE, method, withoutBigStrings(args), [], uuid),
        sign: async (m) => ok(keyInfo(m.signer)),
      };
    case 'createCAdESFromBase64':
    case 'createCAdESFromBase64Hash': {
      const hashed = method === 'createCAdESFromBase64Hash';
      const attach = hashed ? false : flag(args[3], 'attach', false);
      const items = dataItems(args[2]);
      if (items.length !== 1) throw new InvalidRequest('500', 'NCALayer signs one document per createCAdES call');
      const docs = decodeAll(items, { decode: true, keep: attach || hashed, keepLimit, streebog: gost && !hashed });
      if (hashed && docs[0]?.size !== (gost ? 64 : 32))
        throw new InvalidRequest('500', `hash must be ${gost ? 'Streebog-512 (64' : 'SHA-256 (32'} bytes)`);
      if (attach && !docs[0]?.bytes) throw new InvalidRequest('500', 'document too large to attach (simulator limit)');
      const logged = withoutBigStrings([...args.slice(0, 2), '[data omitted]', ...args.slice(3)]);
      return {
        ...base,
        log: logOf(COMMON_UTILS_MODULE, method, logged, docs, uuid),
        async sign(m) {
          const [der] = await signDocs(m, docs, { digested: hashed, encapsulate: attach });
          return ok((der as Buffer).toString('base64'));
        },
      };
    }
    default:
      throw new InvalidRequest('500', `method ${method} is not supported by the simulator`);
  }
}

/** Answer for a known failure of the given flavor (commonUtils answers are string codes, basics ones status:false). */
export function errorResponse(flavor: Flavor, code: string, message: string, details = '', uuid?: string): Response {
  if (flavor === 'common') return { code: /^\d+$/.test(code) ? code : '500', message, ...(uuid !== undefined ? { uuid } : {}) };
  return { status: false, code, message, details };
}

export function cancelResponse(flavor: Flavor, uuid?: string): Response {
  return flavor === 'common'
    ? { code: '500', message: 'action.canceled', ...(uuid !== undefined ? { uuid } : {}) }
    : { status: true, body: {} };
}

/** Parses one message (a Buffer, possibly huge) and decides how to answer it. */
export function planRequest(message: Buffer, mode: NcaLayerSimMode, tuning: ScanTuning = DEFAULT_TUNING): Plan {
  return planParsed(() => parseJsonBuffer(message, tuning.bigStringBytes, tuning), mode);
}

/** Decides how to answer the request `parse` gives (or the parse error it throws). */
export function planParsed(parse: () => JsonLike, mode: NcaLayerSimMode): Plan {
  let req: JsonLike;
  try {
    req = parse();
  } catch (e) {
    if (!(e instanceof JsonScanError) && !(e instanceof SyntaxError)) throw e;
    return { kind: 'reply', response: errorResponse('basics', 'GENERAL_ERROR', 'Malformed request', e.message) };
  }
  if (!isObj(req) || typeof req['module'] !== 'string' || typeof req['method'] !== 'string') {
    return { kind: 'reply', response: errorResponse('basics', 'GENERAL_ERROR', 'Malformed request', 'module and method are required') };
  }
  const module = req['module'];
  const method = req['method'];
  const flavor: Flavor = module === COMMON_UTILS_MODULE ? 'common' : 'basics';
  try {
    if (module === KAZTOKEN_MODULE && method === 'getVersion') {
      const log = logOf(module, method, withoutBigStrings(req['args'] ?? null), []);
      return mode.kaztoken
        ? { kind: 'reply', log, response: { code: '200', responseObject: { name: 'KAZTOKENdesktop', version: '2.3.1' } } }
        : { kind: 'reply', log, response: { ...MODULE_NOT_FOUND } };
    }
    if (module === BASICS_MODULE) {
      if (method !== 'sign') throw new InvalidRequest('INVOCATION_ERROR', `method ${method} is not supported by the simulator`);
      return { kind: 'operation', op: planBasicsSign(req, mode.maxEncapsulateBytes, signsWithStreebog(mode.signer)) };
    }
    if (module === COMMON_UTILS_MODULE)
      return { kind: 'operation', op: planCommonUtils(req, method, mode.maxEncapsulateBytes, signsWithStreebog(mode.signer)) };
    return { kind: 'reply', log: logOf(module, method, withoutBigStrings(req['args'] ?? null), []), response: { ...MODULE_NOT_FOUND } };
  } catch (e) {
    if (!(e instanceof InvalidRequest)) throw e;
    const uuid = typeof req['uuid'] === 'string' ? req['uuid'] : undefined;
    return { kind: 'reply', response: errorResponse(flavor, e.code, e.message, '', uuid) };
  }
}
