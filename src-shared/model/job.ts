/**
 * A signing job and its files as the UI and the CLI see them. The core's file-job state
 * machine (src-main/core/signing/file-job.ts) is the only writer of a file's `status`.
 */
import { z } from 'zod';
import type { ErrorView } from './errors';
import { SignOptionsSchema } from './document';

export const MAX_FILES_PER_BATCH = 100;
/** eGov QR signing carries the whole file in one JSON request to the phone: the limits. */
export const QR_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const QR_MAX_TOTAL_BYTES = 20 * 1024 * 1024;

/** Opaque file handle minted by main; the renderer never sees a path it could pass back. */
export const FileHandleSchema = z.string().regex(/^fh_[A-Za-z0-9_-]{22,64}$/);
export const JobIdSchema = z.string().regex(/^job_[A-Za-z0-9_-]{8,64}$/);
/** Id of a durable outbox record (one signed file on its way into SIGEX). */
export const OutboxIdSchema = z.string().regex(/^ob_[A-Za-z0-9_-]{8,64}$/);

export type SigningMethod = 'ncalayer' | 'qr';

export const StartSigningSchema = z.strictObject({
  handles: z.array(FileHandleSchema).min(1).max(MAX_FILES_PER_BATCH),
  method: z.enum(['ncalayer', 'qr']),
  options: SignOptionsSchema,
});
export type StartSigningRequest = z.infer<typeof StartSigningSchema>;

export interface FileEntry {
  handle: string;
  name: string;
  size: number;
  /** Set when the name already carries "-SigexId<id>". */
  sigexIdInName?: string;
}

/**
 * pending -> signing -> signed -> registering -> uploading -> saving -> registered, or
 * queued (signed, waiting for the network; resumes by itself) / failed / cancelled /
 * already-signed. See file-job.ts for the allowed transitions.
 */
export type FileStatus =
  | 'pending'
  | 'already-signed'
  | 'signing'
  | 'signed'
  | 'registering'
  | 'uploading'
  | 'saving'
  | 'registered'
  | 'queued'
  | 'failed'
  | 'cancelled';

export type EmailOutcome = 'attached' | 'not-attached' | 'not-sent';

export interface SignedCopyView {
  /** File name of the copy (saved or suggested); never a path the renderer can use. */
  name: string;
  saved: boolean;
  /** Folder shown to the user ("Saved in ..."), display only. */
  folder?: string;
  error?: ErrorView;
}

/** Why a signed file waits, and when it is tried next. */
export interface QueueInfo {
  reason: ErrorView;
  attempts: number;
  /** ms since epoch; null = waits for "retry now" or the network to come back. */
  nextAttemptAt: number | null;
}

/**
 * Whether the app itself checked, before anything reached SIGEX, that the signature covers the
 * file's exact bytes: with the digest the signature names, or not, because the app cannot
 * compute that algorithm (then only SIGEX checks it, and the UI says so).
 */
export type BytesCheckView = { checked: true; digest: 'sha256' | 'streebog256' | 'streebog512' } | { checked: false; digestOid: string };

export interface FileJobView {
  handle: string;
  name: string;
  size: number;
  status: FileStatus;
  progress?: { sent: number; total: number };
  sigexIdInName?: string;
  /** The durable record of this file's signature, once it exists ("Try again" resumes it). */
  outboxId?: string;
  queue?: QueueInfo;
  documentId?: string;
  documentUrl?: string;
  verifyUrl?: string;
  emailOutcome?: EmailOutcome;
  certificateEmail?: string;
  /** Set once the signature is back (see BytesCheckView). */
  bytesCheck?: BytesCheckView;
  copy?: SignedCopyView;
  /** The seed's "rename manually as follows" names. */
  suggestedNames?: { withExtension: string; withoutExtension: string };
  error?: ErrorView;
}

export type JobPhase = 'connecting' | 'signing' | 'qr-scan' | 'qr-waiting' | 'registering' | 'saving' | 'done' | 'failed' | 'cancelled';

export interface QrView {
  /** data: URL of the QR image (PNG/GIF). */
  image: string;
  expireAt: number;
  eGovMobileLaunchLink: string;
  eGovBusinessLaunchLink: string;
  /** true once the phone fetched the data: the QR is spent and hidden. */
  spent: boolean;
  /**
   * A QR nobody scanned in time is replaced by a new one automatically, at most `max` times
   * (co-signing by QR); `done` of them happened before this QR. Absent: no automatic renewal.
   */
  renewals?: { done: number; max: number };
}

export interface SignerView {
  subject: string;
  iin?: string;
  bin?: string;
  email?: string;
}

/**
 * What the job is doing right now, for a progress bar: reading (hashing) the files, sending
 * them to NCALayer, waiting for the PIN, checking a file again before its upload, registering
 * it, uploading, saving the copy. Byte counts are of the step's own work (the file, or all files of the
 * step); the rate and time left appear once the step has run long enough to estimate them.
 */
export type ActivityStep = 'hashing' | 'sending' | 'pin' | 'checking' | 'registering' | 'uploading' | 'saving';

export interface ActivityView {
  step: ActivityStep;
  /** The file being worked on, when the step works on one file at a time. */
  fileName?: string;
  done: number;
  total: number;
  bytesPerSecond?: number;
  secondsLeft?: number;
}

/** See JobView.kaztoken. */
export type KaztokenSource = 'mobile' | 'token';

export interface JobView {
  jobId: string;
  method: SigningMethod;
  phase: JobPhase;
  files: FileJobView[];
  qr?: QrView;
  signer?: SignerView;
  /**
   * The signature is expected from KAZTOKEN (PROTOCOLS.md §1): 'mobile' when KAZTOKEN desktop
   * answered its probe (it passes the request on to KAZTOKEN mobile on the phone); 'token' when
   * NCALayer's legacy module named the AKKaztokenStore storage, which can as well be a USB
   * KAZTOKEN token on this computer (its PIN dialog is on the desktop).
   */
  kaztoken?: KaztokenSource;
  /** Job-level failure (NCALayer missing, cancelled, ...); per-file errors live on files. */
  error?: ErrorView;
  /** true while cancel is still possible (before any upload started). */
  cancellable: boolean;
  activity?: ActivityView;
}
