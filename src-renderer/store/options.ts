/**
 * The options being edited for the next signing (recipients + advanced settings).
 * `form` is what the panel shows; `options`, `errors` and `valid` are derived from it on
 * every change by `formToOptions`, so `options` is exactly what `startSigning` will send.
 */
import { create } from 'zustand';
import { DEFAULT_DOCUMENT_SETTINGS, type AuthorityOption, type SettingsView, type SignOptions } from '../../src-main/ipc/contract';
import {
  MAX_ACCESS_ROWS,
  MAX_REQUIREMENTS,
  NCA_AUTHORITIES,
  addEmails,
  cleanIinBin,
  emptyAccessRow,
  emptyRequirementRow,
  completeRequirementCount,
  formToOptions,
  mergeRecentEmails,
  optionsToForm,
  type FieldError,
  type FieldErrors,
  type OptionsForm,
  type RequirementRow,
} from '../lib/options-mapping';
import { logWarning, sigex } from './app';

export type OptionsFlag = 'private' | 'switchToPrivate' | 'uniqueIin' | 'uniqueBin' | 'strict';
export type AuthoritiesSource = 'none' | 'loading' | 'sigex' | 'bundled';

export interface OptionsState {
  form: OptionsForm;
  options: SignOptions;
  valid: boolean;
  errors: FieldErrors;
  /** What `reset()` returns to: the user's default options once loaded from settings. */
  defaults: SignOptions;
  /** Authority OIDs for the requirements editor (SIGEX's list, or the bundled NCA list). */
  authorities: AuthorityOption[];
  authoritiesSource: AuthoritiesSource;

  setEmailDraft(text: string): void;
  /** Turns the draft into chips; what cannot be added stays in the draft. Returns the reason. */
  commitEmailDraft(text?: string): FieldError | null;
  removeEmail(email: string): void;
  removeLastEmail(): void;
  setLimit(text: string): void;
  setFlag(flag: OptionsFlag, value: boolean): void;
  addRequirement(): string;
  updateRequirement(id: string, patch: Partial<Omit<RequirementRow, 'id'>>): void;
  removeRequirement(id: string): void;
  addAccess(): string;
  updateAccess(id: string, iin: string): void;
  removeAccess(id: string): void;
  loadFrom(options: SignOptions): void;
  reset(): void;
  /** Loads SIGEX's authority names once; falls back to the bundled NCA list. */
  loadAuthorities(): Promise<void>;
}

const BUILT_IN_DEFAULTS: SignOptions = { emails: [], settings: DEFAULT_DOCUMENT_SETTINGS };

function derive(form: OptionsForm) {
  return { form, ...formToOptions(form) };
}

export const useOptionsStore = create<OptionsState>()((set, get) => {
  const edit = (change: (form: OptionsForm) => Partial<OptionsForm>) => set((state) => derive({ ...state.form, ...change(state.form) }));
  /**
   * Requirement edits: the first complete requirement turns "requirements also apply to the
   * first signature" on (the hint says so); the user may turn it off again while rows remain.
   */
  const editRequirements = (change: (form: OptionsForm) => Partial<OptionsForm>) =>
    set((state) => {
      const next = derive({ ...state.form, ...change(state.form) });
      const before = completeRequirementCount(state.form, state.errors);
      if (before === 0 && completeRequirementCount(next.form, next.errors) > 0 && !next.form.strict) {
        return derive({ ...next.form, strict: true });
      }
      return next;
    });

  return {
    ...derive(optionsToForm(BUILT_IN_DEFAULTS)),
    defaults: BUILT_IN_DEFAULTS,
    authorities: NCA_AUTHORITIES,
    authoritiesSource: 'none',

    setEmailDraft: (text) => edit(() => ({ emailDraft: text })),
    commitEmailDraft: (text) => {
      const { form } = get();
      const result = addEmails(form.emails, text ?? form.emailDraft);
      edit(() => ({ emails: result.emails, emailDraft: result.rest }));
      return result.error;
    },
    removeEmail: (email) => edit((f) => ({ emails: f.emails.filter((e) => e !== email) })),
    removeLastEmail: () => edit((f) => ({ emails: f.emails.slice(0, -1) })),
    setLimit: (text) => edit(() => ({ limit: text })),
    setFlag: (flag, value) => edit(() => ({ [flag]: value })),

    addRequirement: () => {
      const row = emptyRequirementRow();
      editRequirements((f) => (f.requirements.length >= MAX_REQUIREMENTS ? {} : { requirements: [...f.requirements, row] }));
      return row.id;
    },
    updateRequirement: (id, patch) =>
      editRequirements((f) => ({
        requirements: f.requirements.map((row) => {
          if (row.id !== id) return row;
          const next = { ...row, ...patch };
          if (patch.iin !== undefined) next.iin = cleanIinBin(patch.iin, 'iin');
          if (patch.bin !== undefined) next.bin = cleanIinBin(patch.bin, 'bin');
          return next;
        }),
      })),
    removeRequirement: (id) => edit((f) => ({ requirements: f.requirements.filter((r) => r.id !== id) })),

    addAccess: () => {
      const row = emptyAccessRow();
      edit((f) => (f.access.length >= MAX_ACCESS_ROWS ? {} : { access: [...f.access, row] }));
      return row.id;
    },
    updateAccess: (id, iin) =>
      edit((f) => ({ access: f.access.map((row) => (row.id === id ? { ...row, iin: cleanIinBin(iin, 'iin') } : row)) })),
    removeAccess: (id) => edit((f) => ({ access: f.access.filter((r) => r.id !== id) })),

    loadFrom: (options) => set(derive(optionsToForm(options))),
    reset: () => set(derive(optionsToForm(get().defaults))),

    loadAuthorities: async () => {
      if (get().authoritiesSource !== 'none') return;
      set({ authoritiesSource: 'loading' });
      try {
        const consts = await sigex().getSigexConsts();
        if (consts.authorities.length > 0) set({ authorities: consts.authorities, authoritiesSource: 'sigex' });
        else set({ authorities: NCA_AUTHORITIES, authoritiesSource: 'bundled' });
      } catch (e) {
        set({ authorities: NCA_AUTHORITIES, authoritiesSource: 'bundled' });
        logWarning('SIGEX consts unavailable, using the bundled authority list', e);
      }
    },
  };
});

/** On app start: the form starts from the user's default options. */
export function initOptionsFromSettings(settings: Pick<SettingsView, 'defaultOptions'>): void {
  useOptionsStore.setState({ defaults: settings.defaultOptions });
  useOptionsStore.getState().loadFrom(settings.defaultOptions);
}

/**
 * Remembers the recipients of a signing that starts now for the suggestions list.
 * Never throws (a failure must not stop the signing); returns the updated settings or null.
 */
export async function rememberRecipients(emails: readonly string[]): Promise<SettingsView | null> {
  if (emails.length === 0) return null;
  try {
    const current = await sigex().getSettings();
    const recentEmails = mergeRecentEmails(current.recentEmails, emails);
    if (recentEmails.join('\n') === current.recentEmails.join('\n')) return current;
    return await sigex().updateSettings({ recentEmails });
  } catch (e) {
    logWarning('could not save recent recipients', e);
    return null;
  }
}
