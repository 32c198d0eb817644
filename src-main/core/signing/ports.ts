/**
 * What the signing workflow needs from the outside world. The real NCALayer and SIGEX
 * clients satisfy these; tests pass the same clients pointed at the simulators.
 */
import type { Language } from '../../../src-shared/model';
import type { RegisterRequest as RegisterBody, QrDocument, QrOperation as QrSession, DataResult, DocumentInfo } from '../sigex/client';

export interface ByteSource {
  size: number;
  /** A stream, or chunks that may reuse one buffer (each is used up before the next is asked for). */
  open(): NodeJS.ReadableStream | AsyncIterable<Buffer>;
  /** Called with each chunk's byte count as it is read (progress). */
  onRead?: (bytes: number) => void;
}

export interface NcaLayerPort {
  connect(signal?: AbortSignal): Promise<{ service: 'NCALayer' | 'KAZTOKEN desktop'; version: string }>;
  sign(req: { documents: ByteSource[]; locale: Language; signal?: AbortSignal; onStorage?: (storage: string) => void }): Promise<Buffer[]>;
  /** Asks the KAZTOKEN desktop module (PROTOCOLS.md §1): it answers, NCALayer does not (null). */
  probeKaztoken?(signal?: AbortSignal): Promise<{ name: string; version: string } | null>;
  close(): void;
}

/** The SIGEX client's own request and QR shapes: one definition each. */
export type { RegisterRequest as RegisterBody, QrDocument, QrOperation as QrSession } from '../sigex/client';

export type DataOutcome = Pick<DataResult, 'emailOutcome' | 'certificateEmail'>;

export interface SigexPort {
  register(body: RegisterBody, o?: { signal?: AbortSignal }): Promise<{ documentId: string; signId: number }>;
  uploadData(
    documentId: string,
    source: ByteSource,
    o?: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal },
  ): Promise<DataOutcome>;
  /** The document a signature was registered with (a registration whose answer was lost). */
  findBySignature(signatureB64: string, o?: { signal?: AbortSignal }): Promise<{ documentId: string }>;
  getDocument(documentId: string, o?: { signal?: AbortSignal }): Promise<Pick<DocumentInfo, 'signedDataSize'>>;
  /** POST /api/{id}: a co-signature (outbox records of kind 'cosign'). */
  addSignature(documentId: string, signatureB64: string, o?: { signal?: AbortSignal }): Promise<{ documentId: string; signId: number }>;
  createQr(description: string, o?: { signal?: AbortSignal }): Promise<QrSession>;
  sendQrData(dataURL: string, documents: QrDocument[], o?: { signal?: AbortSignal }): Promise<void>;
  waitQrSignatures(signURL: string, o?: { signal?: AbortSignal }): Promise<string[]>;
}
