/**
 * SIGEX simulator: eGov mobile / eGov Business QR signing with a scripted phone.
 * Shapes follow sigex-qr-signing-client: POST /api/egovQr -> {qrCode, dataURL, signURL,
 * eGovMobileLaunchLink, eGovBusinessLaunchLink, expireAt}; POST dataURL with documentsToSign
 * blocks until the phone fetched the data; GET signURL blocks until the phone signed and
 * answers {signMethod, documentsToSign[i].document.file.data = base64 CMS}. There is no
 * "still waiting" answer in the real client: any body with `message` is an error, so the
 * simulator just holds the request open until an outcome or the expiry.
 */
import QRCode from 'qrcode';
import { loadPki, signCms } from './cms';
import { fail, ok, type Outcome } from './sigex-sim-http';
import { newId } from './sigex-sim-docs';
import type { PhoneScript } from './sigex-sim-types';

export const QR_ERR = {
  timeout: 'QR signing operation timeout',
  notActive: 'QR signing operation is not active',
  badState: 'Invalid QR signing state',
  structure: 'Invalid JSON request structure',
  exchange: 'eGov mobile data exchange failed',
} as const;

export const DEFAULT_PHONE: Required<Omit<PhoneScript, 'declineMessage'>> = {
  action: 'sign',
  fetchDelayMs: 50,
  signDelayMs: 100,
  signer: 'individual',
};

interface DocToSign {
  id: number;
  nameRu: string;
  nameKz: string;
  nameEn: string;
  meta: Array<{ name: string; value: string }>;
  document: { file: { mime: string; data: string } };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  settled: boolean;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const d = { settled: false } as Deferred<T>;
  d.promise = new Promise<T>((r) => (resolve = r));
  d.resolve = (v) => {
    if (d.settled) return;
    d.settled = true;
    resolve(v);
  };
  return d;
}

interface QrOp {
  id: string;
  description: string;
  expireAt: number;
  state: 'registered' | 'dataSent' | 'done' | 'expired';
  /** resolves true when the phone fetched the data, false at expiry */
  fetched: Deferred<boolean>;
  outcome: Deferred<Outcome>;
}

export class QrFlow {
  private readonly ops = new Map<string, QrOp>();
  private readonly timers = new Set<NodeJS.Timeout>();
  phone: PhoneScript = { ...DEFAULT_PHONE };

  constructor(
    private readonly baseUrl: () => string,
    private readonly cfg: { qrTtlMs: number; now: () => number },
  ) {}

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(t);
  }

  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const op of this.ops.values()) this.expire(op);
    this.ops.clear();
    this.phone = { ...DEFAULT_PHONE };
  }

  /** Ends every wait of an operation that has no outcome yet with the timeout error. */
  private expire(op: QrOp): void {
    if (op.state === 'done') return;
    op.state = 'expired';
    op.fetched.resolve(false);
    op.outcome.resolve({ error: QR_ERR.timeout, noRequestId: true });
  }

  /** POST /api/egovQr */
  async register(body: unknown): Promise<Outcome> {
    const description = (body as { description?: unknown } | undefined)?.description;
    if (typeof description !== 'string') return fail(QR_ERR.structure);
    const id = newId(24);
    const url = `${this.baseUrl()}/api/egovQr/${id}`;
    const expireAt = this.cfg.now() + this.cfg.qrTtlMs;
    const op: QrOp = { id, description, expireAt, state: 'registered', fetched: deferred(), outcome: deferred() };
    this.ops.set(id, op);
    this.later(this.cfg.qrTtlMs, () => this.expire(op));
    const link = encodeURIComponent(url);
    const png = await QRCode.toBuffer(`mobileSign:${url}`, { type: 'png', errorCorrectionLevel: 'M', margin: 2 });
    return ok({
      expireAt,
      dataURL: url,
      signURL: url,
      eGovMobileLaunchLink: `https://mgovsign.page.link/?link=${link}&isi=1476128386&ibi=kz.egov.mobile&apn=kz.mobile.mgov`,
      eGovBusinessLaunchLink: `https://egovbusiness.page.link/?link=${link}&isi=1597880144&ibi=kz.mobile.mgov.business&apn=kz.mobile.mgov.business`,
      qrCode: png.toString('base64'),
    });
  }

  private lookup(id: string): QrOp | Outcome {
    return this.ops.get(id) ?? { error: QR_ERR.notActive, noRequestId: true };
  }

  /** POST <dataURL>: accept the documents, wait for the phone to fetch them. */
  async sendData(id: string, body: unknown): Promise<Outcome> {
    const op = this.lookup(id);
    if (!('fetched' in op)) return op;
    if (op.state === 'expired') return { error: QR_ERR.notActive, noRequestId: true };
    if (op.state !== 'registered') return { error: QR_ERR.badState, noRequestId: true };
    const parsed = parseDocuments(body);
    if (typeof parsed === 'string') return { error: parsed, noRequestId: true };
    op.state = 'dataSent';
    const phone = { ...DEFAULT_PHONE, ...this.phone };
    if (phone.action !== 'noScan') {
      this.later(phone.fetchDelayMs, () => {
        if (op.state !== 'dataSent') return;
        op.fetched.resolve(true);
        if (phone.action === 'ignore') return;
        this.later(phone.signDelayMs, () => {
          if (op.state !== 'dataSent') return;
          if (phone.action === 'decline') return this.finish(op, { error: phone.declineMessage ?? QR_ERR.exchange, noRequestId: true });
          void this.sign(parsed.docs, parsed.signMethod, phone.signer).then(
            (o) => this.finish(op, o),
            () => this.finish(op, { error: QR_ERR.exchange, noRequestId: true }),
          );
        });
      });
    }
    const fetched = await op.fetched.promise;
    return fetched
      ? ok({ expireAt: op.expireAt, signURL: `${this.baseUrl()}/api/egovQr/${op.id}` })
      : { error: QR_ERR.timeout, noRequestId: true };
  }

  private finish(op: QrOp, o: Outcome): void {
    if (op.state !== 'dataSent') return;
    op.state = 'done';
    op.outcome.resolve(o);
  }

  private async sign(docs: DocToSign[], signMethod: string, signer: PhoneScript['signer']): Promise<Outcome> {
    const fixture = loadPki().signers[signer ?? 'individual'];
    const signed = await Promise.all(
      docs.map(async (d) => {
        const content = Buffer.from(d.document.file.data, 'base64');
        const cms = await signCms({ signer: fixture, content, encapsulate: signMethod === 'CMS_WITH_DATA' });
        return { ...d, document: { file: { mime: d.document.file.mime, data: cms.toString('base64') } } };
      }),
    );
    return ok({ signMethod, documentsToSign: signed });
  }

  /** GET <signURL>: long wait for the phone's answer. The result stays readable (for retries). */
  async getSignatures(id: string): Promise<Outcome> {
    const op = this.lookup(id);
    if (!('fetched' in op)) return op;
    if (op.state === 'registered') return { error: QR_ERR.badState, noRequestId: true };
    return op.outcome.promise;
  }
}

function parseDocuments(body: unknown): { docs: DocToSign[]; signMethod: string } | string {
  if (typeof body !== 'object' || body === null) return QR_ERR.structure;
  const { signMethod, documentsToSign } = body as Record<string, unknown>;
  if (signMethod !== 'CMS_SIGN_ONLY' && signMethod !== 'CMS_WITH_DATA') return QR_ERR.structure;
  if (!Array.isArray(documentsToSign) || documentsToSign.length === 0) return QR_ERR.structure;
  const str = (v: unknown) => typeof v === 'string';
  for (const d of documentsToSign as Array<Record<string, unknown>>) {
    const file = (d?.document as { file?: { mime?: unknown; data?: unknown } } | undefined)?.file;
    if (typeof d?.id !== 'number' || !str(d.nameRu) || !str(d.nameKz) || !str(d.nameEn)) return QR_ERR.structure;
    if (d.meta !== undefined && !Array.isArray(d.meta)) return QR_ERR.structure;
    if (!file || !str(file.mime) || !str(file.data) || !/^[A-Za-z0-9+/]*={0,2}$/.test(file.data as string)) return QR_ERR.structure;
  }
  return {
    docs: (documentsToSign as DocToSign[]).map((d) => ({ ...d, meta: d.meta ?? [] })),
    signMethod,
  };
}
