/**
 * What a document is registered with: languages, e-mail recipients, SIGEX document settings
 * (PROTOCOLS.md §2, field for field) and the sign options the user picks. Schemas (zod) and
 * the types inferred from them; pure, no Node or DOM.
 */
import { z } from 'zod';

export const LANGUAGES = ['ru', 'kk', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const MAX_EMAIL_RECIPIENTS = 10;
export const MAX_SIGNATURES_LIMIT = 1000;

/**
 * local@domain with proper DNS labels (what SIGEX accepts); checked before anything is sent.
 * The local part carries no control, invisible or bidi characters (\p{C}): in main's native
 * "new recipients" question they would show another address than the one e-mailed.
 */
export const EmailSchema = z
  .string()
  .max(254)
  .regex(/^[^\s@<>(),;:"[\]\\\p{C}]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/u);
export const IinRefSchema = z.string().regex(/^IIN\d{12}$/);
export const BinRefSchema = z.string().regex(/^BIN\d{12}$/);
export const OidSchema = z.string().regex(/^\d+(\.\d+){1,30}$/);

export const SignerRequirementSchema = z.strictObject({
  iin: IinRefSchema.optional(),
  bin: BinRefSchema.optional(),
  authorities: z.array(OidSchema).max(30).optional(),
  ca: z.literal('nca').optional(),
});
export type SignerRequirement = z.infer<typeof SignerRequirementSchema>;

/** `settings` of POST /api, field for field (PROTOCOLS.md). */
export const DocumentSettingsSchema = z.strictObject({
  private: z.boolean(),
  signaturesLimit: z.number().int().min(0).max(MAX_SIGNATURES_LIMIT),
  switchToPrivateAfterLimitReached: z.boolean(),
  unique: z.array(z.enum(['iin', 'bin'])).max(2),
  strictSignersRequirements: z.boolean(),
  signersRequirements: z.array(SignerRequirementSchema).max(50),
  documentAccess: z.array(z.strictObject({ iin: IinRefSchema })).max(200),
});
export type DocumentSettings = z.infer<typeof DocumentSettingsSchema>;

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  private: false,
  signaturesLimit: 0,
  switchToPrivateAfterLimitReached: false,
  unique: [],
  strictSignersRequirements: false,
  signersRequirements: [],
  documentAccess: [],
};

export const SignOptionsSchema = z.strictObject({
  emails: z.array(EmailSchema).max(MAX_EMAIL_RECIPIENTS),
  settings: DocumentSettingsSchema,
});
export type SignOptions = z.infer<typeof SignOptionsSchema>;

export const PresetSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  options: SignOptionsSchema,
});
export type Preset = z.infer<typeof PresetSchema>;
