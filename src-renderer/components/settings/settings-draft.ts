/**
 * The editable part of the Settings view (fields saved with [Save]) and the patch it makes.
 * Folder and CA file are not here: main's dialogs set them immediately.
 */
import { NcaLayerUrlSchema, SigexUrlSchema, type Language, type SettingsPatch, type SettingsView } from '../../../src-main/ipc/contract';

export interface SettingsDraft {
  sigexUrl: string;
  ncalayerUrl: string;
  autoSaveCopy: boolean;
  autoSaveCard: boolean;
  copyLocation: SettingsView['copyLocation'];
  language: Language;
}

export type DraftErrorKey = 'connection.sigexUrlInvalid' | 'connection.ncalayerUrlInvalid' | 'copies.folderRequired';
export type DraftErrors = Partial<Record<'sigexUrl' | 'ncalayerUrl' | 'copyLocation', DraftErrorKey>>;

export function draftFrom(settings: SettingsView, fallbackLanguage: Language): SettingsDraft {
  return {
    sigexUrl: settings.sigexUrl,
    ncalayerUrl: settings.ncalayerUrl,
    autoSaveCopy: settings.autoSaveCopy,
    autoSaveCard: settings.autoSaveCard,
    copyLocation: settings.copyLocation,
    language: settings.language ?? fallbackLanguage,
  };
}

export function draftErrors(draft: SettingsDraft, settings: Pick<SettingsView, 'copyFolder'>): DraftErrors {
  const errors: DraftErrors = {};
  if (!SigexUrlSchema.safeParse(draft.sigexUrl.trim()).success) errors.sigexUrl = 'connection.sigexUrlInvalid';
  if (!NcaLayerUrlSchema.safeParse(draft.ncalayerUrl.trim()).success) errors.ncalayerUrl = 'connection.ncalayerUrlInvalid';
  if (draft.copyLocation === 'folder' && !settings.copyFolder) errors.copyLocation = 'copies.folderRequired';
  return errors;
}

/** Only what the user changed since `initial` (the draft made from the saved settings). */
export function draftPatch(draft: SettingsDraft, initial: SettingsDraft): SettingsPatch {
  const patch: SettingsPatch = {};
  const sigexUrl = draft.sigexUrl.trim();
  const ncalayerUrl = draft.ncalayerUrl.trim();
  if (sigexUrl !== initial.sigexUrl) patch.sigexUrl = sigexUrl;
  if (ncalayerUrl !== initial.ncalayerUrl) patch.ncalayerUrl = ncalayerUrl;
  if (draft.autoSaveCopy !== initial.autoSaveCopy) patch.autoSaveCopy = draft.autoSaveCopy;
  if (draft.autoSaveCard !== initial.autoSaveCard) patch.autoSaveCard = draft.autoSaveCard;
  if (draft.copyLocation !== initial.copyLocation) patch.copyLocation = draft.copyLocation;
  // A language still following the system stays so until the user picks one.
  if (draft.language !== initial.language) patch.language = draft.language;
  return patch;
}
