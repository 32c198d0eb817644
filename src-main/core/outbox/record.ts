/**
 * One signed file on its way into SIGEX, as written to disk the moment its signature exists.
 * Steps only move forward: signed -> registering (POST /api may have been sent) -> registered
 * (documentId known) -> uploaded (SIGEX has the bytes) -> done (copy handled; the record is
 * then moved to the history and removed). After a crash only the missing steps run, with the
 * stored CMS: a file is never signed twice by the recovery.
 */
import { z } from 'zod';
import { ERROR_KINDS, LanguageSchema, SignOptionsSchema, type ErrorView } from '../../../src-shared/model';

export const STEPS = ['signed', 'registering', 'registered', 'uploaded', 'done'] as const;
export type Step = (typeof STEPS)[number];

export function stepIndex(s: Step): number {
  return STEPS.indexOf(s);
}

const ErrorViewSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  sigexKey: z.string().optional(),
  sigexText: z.string().optional(),
  sigexDescription: z.string().optional(),
  code: z.string().optional(),
  details: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const OutboxRecordSchema = z.object({
  v: z.literal(1),
  id: z.string().regex(/^ob_[A-Za-z0-9_-]{8,64}$/),
  /** 'register': a new document; 'cosign': a signature added to documentId. */
  kind: z.enum(['register', 'cosign']),
  createdAt: z.string(),
  updatedAt: z.string(),
  method: z.enum(['ncalayer', 'qr']),
  language: LanguageSchema,
  file: z.object({
    path: z.string().min(1),
    name: z.string().min(1),
    size: z.number().int().min(0),
    mtimeMs: z.number(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** Base64 DER CMS: the user's signature, the one thing that must never be lost. */
  cms: z.string().min(1),
  signer: z
    .object({ subject: z.string(), iin: z.string().optional(), bin: z.string().optional(), email: z.string().optional() })
    .optional(),
  options: SignOptionsSchema,
  /** Where the signed copy goes: null = no automatic copy. */
  copyDir: z.string().nullable(),
  step: z.enum(STEPS),
  documentId: z
    .string()
    .regex(/^[A-Za-z0-9]+$/)
    .optional(),
  emailOutcome: z.enum(['attached', 'not-attached', 'not-sent']).optional(),
  certificateEmail: z.string().optional(),
  copy: z.object({ path: z.string(), name: z.string() }).optional(),
  copyError: ErrorViewSchema.optional(),
  /**
   * active: being worked on or due; queued: waits for the network (nextAttemptAt);
   * failed: needs the user (retry or discard); nothing runs it by itself.
   */
  state: z.enum(['active', 'queued', 'failed']),
  attempts: z.number().int().min(0),
  lastError: ErrorViewSchema.optional(),
  nextAttemptAt: z.number().nullable().optional(),
});

export type OutboxRecord = z.infer<typeof OutboxRecordSchema>;

export function lastErrorOf(r: OutboxRecord): ErrorView | undefined {
  return r.lastError as ErrorView | undefined;
}
