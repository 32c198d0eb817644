/**
 * The app's own settings: what is stored, what the renderer may change, what is in effect.
 */
import { z } from 'zod';
import { EmailSchema, LanguageSchema, PresetSchema, SignOptionsSchema, type Language, type Preset, type SignOptions } from './document';

/**
 * https anywhere, http only on loopback (simulators, demo). The host is plain ASCII (an
 * internationalised name is typed in its xn-- form) and carries no user info, so the address
 * the user confirms reads exactly as the host the app connects to: no "https://sigex.kz@other"
 * and no look-alike letters from another alphabet.
 */
export const SigexUrlSchema = z
  .string()
  .max(2048)
  .regex(/^(https:\/\/[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)\/?$/);
/** NCALayer is always local and always TLS. */
export const NcaLayerUrlSchema = z
  .string()
  .max(2048)
  .regex(/^wss:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?\/?$/);

/** What the user can change from the renderer. Paths are NOT here: folders and CA files are
 * chosen through main's dialogs (settings:chooseCopyFolder / settings:chooseCaFile). */
export const SettingsPatchSchema = z.strictObject({
  language: LanguageSchema.optional(),
  sigexUrl: SigexUrlSchema.optional(),
  ncalayerUrl: NcaLayerUrlSchema.optional(),
  autoSaveCopy: z.boolean().optional(),
  autoSaveCard: z.boolean().optional(),
  copyLocation: z.enum(['next-to-original', 'folder']).optional(),
  clearExtraCaFile: z.literal(true).optional(),
  defaultOptions: SignOptionsSchema.optional(),
  presets: z.array(PresetSchema).max(50).optional(),
  recentEmails: z.array(EmailSchema).max(30).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export interface SettingsView {
  language: Language | null;
  sigexUrl: string;
  ncalayerUrl: string;
  extraCaFile: string | null;
  autoSaveCopy: boolean;
  /** After registering or co-signing, save the document card (PDF) beside the copy / the file. */
  autoSaveCard: boolean;
  copyLocation: 'next-to-original' | 'folder';
  copyFolder: string | null;
  defaultOptions: SignOptions;
  presets: Preset[];
  recentEmails: string[];
}
