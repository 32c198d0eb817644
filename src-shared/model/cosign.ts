/**
 * Documents that already carry a SIGEX id: the document card the core builds from
 * GET /api/{id} (check) and the outcome of adding my signature (co-sign).
 */
import { z } from 'zod';
import type { ErrorView } from './errors';
import type { BytesCheckView, QrView } from './job';

export interface CardSignature {
  signId: number;
  /** The signer's name (CN of the certificate subject). */
  signer: string;
  iin?: string;
  bin?: string;
  organisation?: string;
  /** ISO time of the signature (its timestamp when SIGEX reports one). */
  time?: string;
  tsp: boolean;
  ocsp: boolean;
}

export interface DocumentCard {
  file: string;
  documentId: string;
  title: string;
  signaturesTotal: number;
  signatures: CardSignature[];
  /** 0 = unlimited. */
  signaturesLimit: number;
  restrictions: { unique: Array<'iin' | 'bin'>; requirements: number; strictRequirements: boolean };
  documentUrl: string;
  sha256: string;
  size: number;
  /** true / false: compared with what SIGEX reports; null: SIGEX did not say, not compared. */
  matches: boolean | null;
}

export interface CosignOutcome {
  file: string;
  status: 'cosigned' | 'failed' | 'queued';
  outboxId?: string;
  /** The document card saved automatically (setting autoSaveCard), or why it was not. */
  cardSaved?: SavedCard;
  cardError?: ErrorView;
  documentId?: string;
  signId?: number;
  card?: DocumentCard;
  /**
   * Whether the app itself checked that the signature covers this file's bytes before SIGEX
   * (`checked: false`: the signature's digest algorithm is one the app cannot compute).
   */
  bytesCheck?: BytesCheckView;
  error?: ErrorView;
}

export interface SavedCard {
  path: string;
  name: string;
}

/** Id of a co-signature by eGov QR in progress (main holds it; the renderer asks for its next state). */
export const CosignQrIdSchema = z.string().regex(/^cq_[A-Za-z0-9_-]{8,64}$/);

/** A co-signature by eGov QR: the QR while it can be scanned, then the outcomes (or an error). */
export interface CosignQrState {
  sessionId: string;
  /** Grows with each change; `cosignQrNext(id, version)` answers at the next one. */
  version: number;
  /** `spent` once the phone fetched the data. */
  qr?: QrView;
  /** When finished: one per file, in the order given. */
  outcomes?: CosignOutcome[];
  error?: ErrorView;
}
