/**
 * SIGEX simulator: the document store and the document routes (register, data, info, add
 * signature, buildFileName). /data is hashed as it streams in; nothing buffers the body.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { buildSigexName, isSigexId } from '../../src-main/core/sigex-id';
import { Streebog, streebog512 } from '../../src-main/core/crypto/streebog';
import { checkSignature, decodeSignature, SHA256_OID, STREEBOG512_KZ_OID, type CheckedSignature } from './sigex-sim-cms';
import { drain, fail, ok, type Outcome } from './sigex-sim-http';
import { buildDdcPdf } from './sigex-sim-ddc';
import { applyLimitSwitch, checkAddedSignature, checkFirstSignature, parseRegisterBody } from './sigex-sim-rules';
import type { SimDocument, SimSignature } from './sigex-sim-types';

export interface DocConfig {
  maxDataBytes: number;
  maxEmailRecipients: number;
  emailAttachLimitBytes: number;
  emailFailWith: string | null;
  bodyIdleTimeoutMs: number;
  /** GET /api/{id} reports the data's digests (off: the client cannot compare its bytes). */
  infoDigests: boolean;
  now: () => number;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function newId(len = 16): string {
  return [...randomBytes(len)].map((b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

/** The data's digests SIGEX knows, by algorithm OID (base64), as /data and GET /api/{id} report them. */
function digestsOf(doc: SimDocument): Record<string, string> {
  const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
  return {
    ...(doc.dataSha256 ? { [SHA256_OID]: b64(doc.dataSha256) } : {}),
    ...(doc.dataStreebog512 ? { [STREEBOG512_KZ_OID]: b64(doc.dataStreebog512) } : {}),
  };
}

const SIZE_MISMATCH = 'The processed data size does not match the one passed in HTTP Content-Length request header';

export class DocStore {
  readonly docs = new Map<string, SimDocument>();
  /** CMS fingerprint -> the document and signature it registered ('already submitted', /api/exported). */
  private readonly fingerprints = new Map<string, { documentId: string; signId: number }>();
  private readonly knownUsers = new Set<string>();
  private nextSignId = 1;

  constructor(readonly cfg: DocConfig) {}

  reset(): void {
    this.docs.clear();
    this.fingerprints.clear();
    this.knownUsers.clear();
    this.nextSignId = 1;
  }

  private toSignature(c: CheckedSignature): SimSignature {
    return { ...c.sig, signId: this.nextSignId++, receivedAt: new Date(this.cfg.now()) };
  }

  /** POST /api */
  async register(body: unknown): Promise<Outcome> {
    const parsed = parseRegisterBody(body, this.cfg.maxEmailRecipients);
    if (typeof parsed === 'string') return fail(parsed);
    const checked = await checkSignature(parsed.signature, this.cfg.now());
    if (typeof checked === 'string') return fail(checked);
    if (this.fingerprints.has(checked.fingerprint)) return fail('This signature has already been submitted');
    const err = checkFirstSignature(parsed.settings, { ...checked.sig, issuedByNca: checked.issuedByNca });
    if (err) return fail(err);
    let id = newId();
    while (this.docs.has(id)) id = newId();
    const sig = this.toSignature(checked);
    const doc: SimDocument = {
      id,
      title: parsed.title,
      description: parsed.description,
      settings: parsed.settings,
      private: parsed.settings.private === true,
      emailRecipients: parsed.emailTo,
      doNotAttachDocuments: parsed.doNotAttachDocuments,
      signatures: [sig],
      dataUploaded: false,
      createdAt: new Date(this.cfg.now()),
    };
    // An attached (encapsulating) CMS carries the data itself: the service extracts it.
    const content = checked.info.encapsulatedContent;
    if (content) {
      doc.dataSha256 = createHash('sha256').update(content).digest('hex');
      if (sig.digestAlgorithm === STREEBOG512_KZ_OID) doc.dataStreebog512 = streebog512(content).toString('hex');
      doc.signedDataSize = content.length;
      doc.dataUploaded = true;
    }
    this.fingerprints.set(checked.fingerprint, { documentId: id, signId: sig.signId });
    this.docs.set(id, doc);
    return ok({ documentId: id, signId: sig.signId });
  }

  /** POST /api/{id}/data: streamed into SHA-256. */
  async uploadData(
    id: string,
    req: IncomingMessage,
    hooks: { onBytes: (n: number) => void; onCut: (cut: () => void) => void },
  ): Promise<Outcome & { closeAfter?: boolean }> {
    const doc = this.docs.get(id);
    if (!doc) return drain(req).then(() => fail('Document not found'));
    const header = req.headers['content-length'];
    if (header === undefined) return drain(req).then(() => fail('HTTP Content-Length request header not set'));
    const declared = Number(header);
    // Answered at once; Node discards the rest of the body after the answer.
    if (declared > this.cfg.maxDataBytes) return fail('Request body is too large');
    if (doc.dataUploaded && !doc.digestUpdateRequired) return drain(req).then(() => fail('Document digests are already known'));

    // Streebog-512 only when a GOST signature needs it (it is ~50 times slower than SHA-256 here).
    const gost = doc.digestUpdateRequired === true || doc.signatures.some((s) => s.digestAlgorithm === STREEBOG512_KZ_OID);
    const hashed = await this.hashBody(req, declared, hooks, gost);
    if (hashed === null) return { error: SIZE_MISMATCH, closeAfter: true };
    if (doc.digestUpdateRequired) {
      // The bytes again, so SIGEX can compute the digests it lacks: they must be the same bytes.
      if (hashed.digest.toString('hex') !== doc.dataSha256) return fail('Signature does not correspond to the document');
      doc.digestUpdateRequired = false;
      if (hashed.streebog512) doc.dataStreebog512 = hashed.streebog512.toString('hex');
      return ok({ documentId: doc.id, signedDataSize: hashed.size, digests: digestsOf(doc), dataArchived: false });
    }
    const expected = (s: SimSignature) => (s.digestAlgorithm === STREEBOG512_KZ_OID ? hashed.streebog512 : hashed.digest);
    if (!doc.signatures.every((s) => expected(s)?.equals(s.messageDigest))) {
      return fail('Signature does not correspond to the document');
    }
    if (doc.dataUploaded) return fail('Document digests are already known'); // a parallel upload won
    doc.dataSha256 = hashed.digest.toString('hex');
    if (hashed.streebog512) doc.dataStreebog512 = hashed.streebog512.toString('hex');
    doc.signedDataSize = hashed.size;
    doc.dataUploaded = true;
    return ok({
      documentId: doc.id,
      signedDataSize: hashed.size,
      digests: digestsOf(doc),
      ...this.emailOutcome(doc),
      ...this.userSettings(doc),
      dataArchived: false,
    });
  }

  private hashBody(
    req: IncomingMessage,
    declared: number,
    hooks: { onBytes: (n: number) => void; onCut: (cut: () => void) => void },
    withStreebog = false,
  ): Promise<{ digest: Buffer; streebog512?: Buffer; size: number } | null> {
    return new Promise((resolve) => {
      const hash = createHash('sha256');
      const gost = withStreebog ? new Streebog(512) : null;
      let size = 0;
      let done = false;
      let idle: NodeJS.Timeout | undefined;
      const finish = (complete: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(idle);
        resolve(complete && size === declared ? { digest: hash.digest(), ...(gost ? { streebog512: gost.digest() } : {}), size } : null);
      };
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => finish(false), this.cfg.bodyIdleTimeoutMs);
      };
      arm();
      hooks.onCut(() => finish(false));
      req.on('data', (c: Buffer) => {
        hash.update(c);
        gost?.update(c);
        size += c.length;
        hooks.onBytes(size);
        arm();
      });
      req.on('end', () => finish(true));
      req.on('error', () => finish(false));
      req.on('close', () => finish(req.complete));
    });
  }

  private emailOutcome(doc: SimDocument): Record<string, unknown> {
    if (doc.emailRecipients.length === 0) return {};
    if (this.cfg.emailFailWith) return { emailNotifications: { attached: false, message: this.cfg.emailFailWith } };
    const attached = !doc.doNotAttachDocuments && (doc.signedDataSize ?? 0) <= this.cfg.emailAttachLimitBytes;
    return { emailNotifications: { attached } };
  }

  /** The first time a signer with an e-mail in the certificate is seen, SIGEX creates settings. */
  private userSettings(doc: SimDocument): Record<string, unknown> {
    const s = doc.signatures[0];
    if (!s?.email || !s.iin || this.knownUsers.has(s.iin)) return {};
    this.knownUsers.add(s.iin);
    return {
      automaticallyCreatedUserSettings: {
        userId: `IIN${s.iin}`,
        email: s.email,
        emailNotificationsEnabled: true,
        modifiedAt: this.cfg.now(),
      },
    };
  }

  /** GET /api/{id}?lastSignId= */
  info(id: string, lastSignIdParam: string | null): Outcome {
    const doc = this.docs.get(id);
    if (!doc) return fail('Document not found');
    if (doc.private) return fail('Access denied');
    let lastSignId = 0;
    if (lastSignIdParam !== null) {
      if (!/^\d+$/.test(lastSignIdParam)) return fail('Invalid URL query parameter');
      lastSignId = Number(lastSignIdParam);
    }
    return ok({
      title: doc.title,
      description: doc.description,
      ...(doc.dataUploaded ? { signedDataSize: doc.signedDataSize } : {}),
      signaturesTotal: doc.signatures.length,
      signatures: doc.signatures
        .filter((s) => s.signId > lastSignId)
        .map((s) => ({
          signId: s.signId,
          ...(s.iin ? { userId: `IIN${s.iin}` } : {}),
          ...(s.bin ? { businessId: `BIN${s.bin}` } : {}),
          subject: s.subject,
          issuer: s.issuer,
          serialNumber: s.serialNumber,
          notBefore: s.notBefore.getTime(),
          notAfter: s.notAfter.getTime(),
          signAlgorithm: s.signAlgorithm,
          // SIGEX collects a timestamp and an OCSP answer for every accepted signature.
          tsp: { genTime: s.receivedAt.getTime() },
          ocsp: { certStatus: 'good', producedAt: s.receivedAt.getTime() },
        })),
      settings: doc.settings,
      ...(this.cfg.infoDigests && doc.dataSha256 ? { digests: digestsOf(doc) } : {}),
      dataArchived: false,
    });
  }

  /** POST /api/{id} */
  async addSignature(id: string, body: unknown): Promise<Outcome> {
    const doc = this.docs.get(id);
    if (!doc) return fail('Document not found');
    if (doc.private) return fail('Access denied');
    if (typeof body !== 'object' || body === null) return fail('Invalid JSON request structure');
    const { signType, signature } = body as Record<string, unknown>;
    if (typeof signature !== 'string' || (signType !== undefined && typeof signType !== 'string')) {
      return fail('Invalid JSON request structure');
    }
    if ((signType ?? 'cms') !== 'cms') return fail('Signature type is not supported');
    const checked = await checkSignature(signature, this.cfg.now());
    if (typeof checked === 'string') return fail(checked);
    if (this.fingerprints.has(checked.fingerprint)) return fail('This signature has already been submitted');
    if (!doc.dataUploaded || !doc.dataSha256) return fail('Document digests are not known');
    // A digest algorithm SIGEX has no digest for yet (scripted by the test: requireDigestUpdate).
    if (doc.digestUpdateRequired) return fail('Digests values update required');
    const known = checked.sig.digestAlgorithm === STREEBOG512_KZ_OID ? doc.dataStreebog512 : doc.dataSha256;
    if (known === undefined) {
      // The first signature of this algorithm: SIGEX has no such digest of the data yet.
      doc.digestUpdateRequired = true;
      return fail('Digests values update required');
    }
    if (checked.sig.messageDigest.toString('hex') !== known) return fail('Signature does not correspond to the document');
    const err = checkAddedSignature(doc, { ...checked.sig, issuedByNca: checked.issuedByNca });
    if (err) return fail(err);
    const sig = this.toSignature(checked);
    doc.signatures.push(sig);
    this.fingerprints.set(checked.fingerprint, { documentId: doc.id, signId: sig.signId });
    applyLimitSwitch(doc);
    return ok({ documentId: doc.id, signId: sig.signId });
  }

  /** POST /api/{id}/buildDDC: body = the document's bytes (streamed, exact Content-Length) -> {ddc: base64 PDF}. */
  async buildDdc(id: string, req: IncomingMessage): Promise<Outcome> {
    const doc = this.docs.get(id);
    if (!doc) return drain(req).then(() => fail('Document not found'));
    if (doc.private) return drain(req).then(() => fail('Access denied'));
    const header = req.headers['content-length'];
    if (header === undefined) return drain(req).then(() => fail('HTTP Content-Length request header not set'));
    const declared = Number(header);
    if (declared > this.cfg.maxDataBytes) return fail('Request body is too large');
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let size = 0;
    await new Promise<void>((resolve) => {
      req.on('data', (c: Buffer) => {
        chunks.push(c);
        hash.update(c);
        size += c.length;
      });
      req.on('end', resolve);
      req.on('close', resolve);
    });
    if (size !== declared) return fail(SIZE_MISMATCH);
    if (!doc.dataSha256) return fail('Document digests are not known');
    if (hash.digest('hex') !== doc.dataSha256) return fail('Signature does not correspond to the document');
    return ok({ ddc: buildDdcPdf(doc, Buffer.concat(chunks)).toString('base64') });
  }

  /** POST /api/exported {signature}: the document a signature was registered with. */
  exported(body: unknown): Outcome {
    const signature = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['signature'] : undefined;
    if (typeof signature !== 'string' || signature === '') return fail('Invalid JSON request structure');
    const der = decodeSignature(signature);
    if (!der) return fail('Failed to parse signature');
    const known = this.fingerprints.get(createHash('sha256').update(der).digest('hex'));
    return known ? ok({ ...known }) : fail('Document not found');
  }

  /** GET /api/{id}/buildFileName?name= */
  buildFileName(id: string, name: string | null): Outcome {
    if (!isSigexId(id)) return fail('Invalid document identifier');
    if (!this.docs.has(id)) return fail('Document not found');
    if (name === null) return fail('Invalid URL query parameter');
    if (name.trim() === '' || name.length > 255 || /[\\/\0]/.test(name)) return fail('Invalid file name');
    return ok({ fileName: buildSigexName(name, id) });
  }
}
