/** The local history of registered documents, and the outbox as the UI and the CLI see them. */
import { z } from 'zod';
import type { ErrorView } from './errors';
import type { EmailOutcome, SigningMethod } from './job';

export interface HistoryEntry {
  /** The outbox record's id: one entry per signature delivered. */
  id: string;
  /** 'register': a new document; 'cosign': a signature added to an existing one. */
  kind: 'register' | 'cosign';
  name: string;
  /** The original's absolute path (display only: actions go by id). */
  path: string;
  /** The signed bytes: "save the copy again" checks the original is still these. */
  size: number;
  sha256: string;
  /** ISO 8601: when the signature was made (its record written). */
  signedAt: string;
  /** ISO 8601: when SIGEX had the signature and the bytes. */
  registeredAt: string;
  signer?: { name: string; iin?: string; bin?: string };
  documentId: string;
  documentUrl: string;
  copyPath?: string;
  emailOutcome?: EmailOutcome;
  method: SigningMethod;
}

export const HistoryQuerySchema = z.strictObject({
  text: z.string().max(200).optional(),
  /** ISO dates (YYYY-MM-DD or full), inclusive. */
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Matches before the limit. */
  total: number;
}

/** A signed file waiting in (or stuck in) the outbox. */
export interface OutboxItemView {
  id: string;
  kind: 'register' | 'cosign';
  name: string;
  /** The original's absolute path (display only: actions go by id). */
  path: string;
  size: number;
  method: SigningMethod;
  signedAt: string;
  /** working: being delivered now; queued: waits (nextAttemptAt); failed: needs the user. */
  state: 'working' | 'queued' | 'failed';
  step: 'signed' | 'registering' | 'registered' | 'uploaded' | 'done';
  documentId?: string;
  reason?: ErrorView;
  attempts: number;
  nextAttemptAt: number | null;
}
