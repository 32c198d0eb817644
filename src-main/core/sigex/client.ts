/**
 * SIGEX REST client (PROTOCOLS.md §2). Plain Node: global fetch by default, injectable.
 * Errors: HTTP 200 + {"message": key} -> `sigex-error` (key + the service's ru text);
 * other statuses -> `sigex-server`; connection failures -> `network`; time -> `timeout`.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import { Base64FieldDecoder } from './base64-field.js';
import { isSigexId } from '../sigex-id.js';
import { networkError, SigexTransport, type ByteSource, type CallOptions, type SigexTransportOptions, type UploadOptions } from './http.js';
import { createQr, sendQrData, waitQrSignatures, type QrDocument, type QrOperation, type RetryOptions } from './qr.js';
import {
  badShape,
  parseDataResult,
  parseDocumentInfo,
  parseSignatureAdded,
  type DataResult,
  type DocumentInfo,
  type RegisterRequest,
  type SignatureAdded,
} from './responses.js';
import type { SigexStrings } from './strings.js';

export type SigexClientOptions = SigexTransportOptions;
export type { ByteSource, CallOptions, UploadOptions } from './http.js';
export type { QrDocument, QrOperation, RetryOptions } from './qr.js';
export type * from './responses.js';
export type { SigexErrorText, SigexStrings } from './strings.js';

export class SigexClient {
  private readonly http: SigexTransport;

  constructor(opts: SigexClientOptions) {
    this.http = new SigexTransport(opts);
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** POST /api: registers the document by its first signature. */
  async register(body: RegisterRequest, o: CallOptions = {}): Promise<SignatureAdded> {
    return parseSignatureAdded(await this.http.postJson('/api', body, o), 'the registration');
  }

  /** POST /api/{id}/data: the signed bytes, streamed. Registration is complete only after this. */
  async uploadData(documentId: string, source: ByteSource, o: UploadOptions = {}): Promise<DataResult> {
    const json = await this.http.postBytes(`/api/${checkId(documentId)}/data`, source, o);
    return parseDataResult(json);
  }

  /** GET /api/{id}?lastSignId=N: document info and signatures after signId N. */
  async getDocument(documentId: string, o: CallOptions & { lastSignId?: number } = {}): Promise<DocumentInfo> {
    const last = o.lastSignId ?? 0;
    if (!Number.isSafeInteger(last) || last < 0) throw new AppError('invalid-input', 'Invalid lastSignId');
    return parseDocumentInfo(await this.http.getJson(`/api/${checkId(documentId)}?lastSignId=${last}`, o));
  }

  /** POST /api/{id}: adds a signature (detached CMS of the same bytes) to a registered document. */
  async addSignature(documentId: string, signatureB64: string, o: CallOptions = {}): Promise<SignatureAdded> {
    const json = await this.http.postJson(`/api/${checkId(documentId)}`, { signType: 'cms', signature: signatureB64 }, o);
    return parseSignatureAdded(json, 'the added signature');
  }

  /**
   * POST /api/exported: the document a signature was registered with (PROTOCOLS.md: the only
   * way to learn the id of a registration whose answer was lost). `Document not found` when
   * SIGEX does not know the signature.
   */
  async findBySignature(signatureB64: string, o: CallOptions = {}): Promise<{ documentId: string }> {
    const json = await this.http.postJson('/api/exported', { signature: signatureB64 }, o);
    const documentId = json['documentId'];
    if (typeof documentId !== 'string' || !isSigexId(documentId)) throw badShape('the document found');
    return { documentId };
  }

  /**
   * POST /api/{id}/buildDDC: the document card (PDF). The body is the document's bytes,
   * streamed from disk with an exact Content-Length like /data. The answer's base64 is decoded
   * as it arrives into `target`, a new file (never an existing one): the card is never held
   * whole in memory. On any failure the partial `target` is removed.
   */
  async buildDdcToFile(documentId: string, source: ByteSource, target: string, o: UploadOptions = {}): Promise<{ size: number }> {
    const url = `/api/${checkId(documentId)}/buildDDC`;
    let decoder: Base64FieldDecoder | undefined;
    const head: Buffer[] = [];
    const receive = async (res: IncomingMessage, arm: () => void): Promise<string> => {
      decoder = new Base64FieldDecoder('ddc');
      const d = decoder;
      d.on('data', (c: Buffer) => {
        if (Buffer.concat(head).length < 5) head.push(c.subarray(0, 5));
      });
      res.on('data', arm);
      const out = createWriteStream(target, { flags: 'wx' });
      try {
        await pipeline(res, d, out);
      } catch (e) {
        // A write error names the file; anything else is the answer breaking off.
        if (e instanceof AppError || (e as { path?: string }).path) throw e;
        throw networkError(e);
      }
      return d.restText();
    };
    try {
      await this.http.postBytes(url, source, { ...o, receive });
      if (!decoder?.found || decoder.decodedBytes === 0 || !Buffer.concat(head).subarray(0, 5).equals(Buffer.from('%PDF-'))) {
        throw badShape('the document card');
      }
      return { size: decoder.decodedBytes };
    } catch (e) {
      // Only a file this call created is removed (an existing target makes the open fail first).
      if ((e as { code?: string }).code !== 'EEXIST') await rm(target, { force: true }).catch((e2: unknown) => void e2);
      throw e;
    }
  }

  /** GET /api/{id}/buildFileName?name=: the file name SIGEX would give the signed copy. */
  async buildFileName(documentId: string, name: string, o: CallOptions = {}): Promise<string> {
    const path = `/api/${checkId(documentId)}/buildFileName?name=${encodeURIComponent(name)}`;
    const json = await this.http.getJson(path, o);
    const fileName = json['fileName'];
    if (typeof fileName !== 'string' || fileName === '') throw badShape('the file name');
    return fileName;
  }

  /** GET /api/version. */
  async version(o: CallOptions = {}): Promise<string> {
    const json = await this.http.getJson('/api/version', o);
    const v = json['version'];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
    throw badShape('the version');
  }

  /** GET /api/strings (cached once it succeeded); null when the service can't give it. */
  strings(): Promise<SigexStrings | null> {
    return this.http.strings();
  }

  // ---------------------------------------------------------------- QR (eGov mobile)

  createQr(description: string, o: CallOptions = {}): Promise<QrOperation> {
    return createQr(this.http, description, o);
  }

  sendQrData(dataURL: string, documents: readonly QrDocument[], o: RetryOptions = {}): Promise<void> {
    return sendQrData(this.http, dataURL, documents, o);
  }

  waitQrSignatures(signURL: string, o: RetryOptions = {}): Promise<string[]> {
    return waitQrSignatures(this.http, signURL, o);
  }
}

function checkId(id: string): string {
  if (!isSigexId(id)) throw new AppError('invalid-input', `Not a SIGEX document id: ${JSON.stringify(id)}`);
  return id;
}
