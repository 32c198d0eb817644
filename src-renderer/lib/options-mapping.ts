/**
 * Advanced settings: the editable form (what the panel shows) <-> SignOptions (what
 * `startSigning` sends as `emails` + `settings`, PROTOCOLS.md "Advanced settings -> settings").
 * Pure functions only; the zustand store and the components build on them.
 */
import {
  DEFAULT_DOCUMENT_SETTINGS,
  EmailSchema,
  MAX_EMAIL_RECIPIENTS,
  MAX_SIGNATURES_LIMIT,
  type DocumentSettings,
  type SignOptions,
  type SignerRequirement,
} from '../../src-main/ipc/contract';
import { isValidIinBin } from '../../src-main/core/iin';

/** Limits of the contract's DocumentSettingsSchema / SettingsPatchSchema. */
export const MAX_REQUIREMENTS = 50;
export const MAX_ACCESS_ROWS = 200;
export const MAX_AUTHORITIES = 30;
export const MAX_RECENT_EMAILS = 30;

export type CaChoice = 'any' | 'nca';

export interface RequirementRow {
  /** Stable React key; never sent. */
  id: string;
  /** Raw text as typed (digits; a pasted "IIN" prefix and spaces are tolerated). */
  iin: string;
  bin: string;
  authorities: string[];
  ca: CaChoice;
}

export interface AccessRow {
  id: string;
  iin: string;
}

export interface OptionsForm {
  /** Committed recipients (the chips), already normalised. */
  emails: string[];
  /** Text still in the recipients input (not yet a chip). */
  emailDraft: string;
  /** As typed; empty means 0 (unlimited). */
  limit: string;
  private: boolean;
  switchToPrivate: boolean;
  uniqueIin: boolean;
  uniqueBin: boolean;
  strict: boolean;
  requirements: RequirementRow[];
  access: AccessRow[];
}

/** Codes are i18n keys under `advanced:errors.*`. */
export type FieldErrorCode =
  | 'limitInvalid'
  | 'limitTooLarge'
  | 'iinDigits'
  | 'iinLength'
  | 'iinCheckDigit'
  | 'binDigits'
  | 'binLength'
  | 'binCheckDigit'
  | 'emailInvalid'
  | 'emailsTooMany'
  | 'requirementsTooMany'
  | 'accessTooMany';

export interface FieldError {
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/** Keyed by `fieldKey.*`. */
export type FieldErrors = Record<string, FieldError>;

export const fieldKey = {
  limit: 'limit',
  emails: 'emails',
  emailDraft: 'emailDraft',
  requirements: 'requirements',
  access: 'access',
  requirementIin: (rowId: string) => `requirements.${rowId}.iin`,
  requirementBin: (rowId: string) => `requirements.${rowId}.bin`,
  accessIin: (rowId: string) => `access.${rowId}.iin`,
} as const;

let rowCounter = 0;
export function newRowId(): string {
  rowCounter += 1;
  return `row${rowCounter}`;
}

export function emptyRequirementRow(): RequirementRow {
  return { id: newRowId(), iin: '', bin: '', authorities: [], ca: 'any' };
}

export function emptyAccessRow(): AccessRow {
  return { id: newRowId(), iin: '' };
}

export function emptyForm(): OptionsForm {
  return optionsToForm({ emails: [], settings: DEFAULT_DOCUMENT_SETTINGS });
}

// ---------------------------------------------------------------- IIN / BIN

export type IdKind = 'iin' | 'bin';

/** Drops spaces, dashes and a leading "IIN"/"BIN" of the same kind (pasted from SIGEX or a certificate). */
export function cleanIinBin(raw: string, kind: IdKind): string {
  const compact = raw.replace(/[\s\u00a0-]+/g, '');
  const prefix = kind.toUpperCase();
  return compact.toUpperCase().startsWith(prefix) ? compact.slice(prefix.length) : compact;
}

/** null when `raw` is empty or a valid 12-digit number with the right check digit. */
export function iinBinError(raw: string, kind: IdKind): FieldError | null {
  const digits = cleanIinBin(raw, kind);
  if (digits === '') return null;
  if (/\D/.test(digits)) return { code: kind === 'iin' ? 'iinDigits' : 'binDigits' };
  if (digits.length !== 12) return { code: kind === 'iin' ? 'iinLength' : 'binLength', params: { count: digits.length } };
  if (!isValidIinBin(digits)) return { code: kind === 'iin' ? 'iinCheckDigit' : 'binCheckDigit' };
  return null;
}

function stripRef(ref: string | undefined, kind: IdKind): string {
  return ref === undefined ? '' : cleanIinBin(ref, kind);
}

// ---------------------------------------------------------------- e-mail

/** Trims and lowercases the domain (the local part is left as typed). */
export function normalizeEmail(raw: string): string {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : trimmed.slice(0, at) + '@' + trimmed.slice(at + 1).toLowerCase();
}

export function isValidEmail(value: string): boolean {
  return EmailSchema.safeParse(value).success;
}

/**
 * Splits pasted text into addresses: commas, semicolons, new lines and spaces separate;
 * Outlook's `Ivanov Ivan <ivan@firm.kz>; ...` yields the addresses in angle brackets.
 */
export function parseEmailList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,;\n\r]+/)) {
    const bracketed = [...part.matchAll(/<([^<>]*)>/g)].map((m) => (m[1] ?? '').trim());
    if (bracketed.length > 0) out.push(...bracketed.filter(Boolean));
    else out.push(...part.split(/\s+/).filter(Boolean));
  }
  return out;
}

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface AddEmailsResult {
  emails: string[];
  /** Entries that could not be added, to leave in the input. */
  rest: string;
  error: FieldError | null;
}

/** Adds the addresses in `text` to `current`: normalised, de-duplicated, at most MAX_EMAIL_RECIPIENTS. */
export function addEmails(current: readonly string[], text: string): AddEmailsResult {
  const emails = [...current];
  const rejected: string[] = [];
  let error: FieldError | null = null;
  for (const entry of parseEmailList(text)) {
    const email = normalizeEmail(entry);
    if (!isValidEmail(email)) {
      rejected.push(entry);
      error ??= { code: 'emailInvalid', params: { value: entry } };
    } else if (emails.some((e) => sameEmail(e, email))) {
      continue;
    } else if (emails.length >= MAX_EMAIL_RECIPIENTS) {
      rejected.push(entry);
      error ??= { code: 'emailsTooMany', params: { max: MAX_EMAIL_RECIPIENTS } };
    } else {
      emails.push(email);
    }
  }
  return { emails, rest: rejected.join(', '), error };
}

/** Recent recipients for suggestions: the newest first, no duplicates, at most `max`. */
export function mergeRecentEmails(recent: readonly string[], used: readonly string[], max = MAX_RECENT_EMAILS): string[] {
  const merged: string[] = [];
  for (const e of [...used.map(normalizeEmail), ...recent]) {
    if (isValidEmail(e) && !merged.some((m) => sameEmail(m, e))) merged.push(e);
  }
  return merged.slice(0, max);
}

// ---------------------------------------------------------------- limit

function parseLimit(raw: string): { value: number; error: FieldError | null } {
  const text = raw.trim();
  if (text === '') return { value: 0, error: null };
  if (!/^\d+$/.test(text)) return { value: 0, error: { code: 'limitInvalid' } };
  const value = Number(text);
  if (value > MAX_SIGNATURES_LIMIT) return { value: 0, error: { code: 'limitTooLarge', params: { max: MAX_SIGNATURES_LIMIT } } };
  return { value, error: null };
}

/** The limit the form currently means (0 while the text is empty or invalid). */
export function limitValue(form: Pick<OptionsForm, 'limit'>): number {
  return parseLimit(form.limit).value;
}

// ---------------------------------------------------------------- form -> options

export function isEmptyRequirement(row: RequirementRow): boolean {
  return row.iin.trim() === '' && row.bin.trim() === '' && row.authorities.length === 0 && row.ca === 'any';
}

export interface MappingResult {
  options: SignOptions;
  errors: FieldErrors;
  valid: boolean;
}

/** Requirement rows that are filled in and have no IIN/BIN error (what turns "strict" on). */
export function completeRequirementCount(form: OptionsForm, errors: FieldErrors): number {
  return form.requirements.filter(
    (row) => !isEmptyRequirement(row) && !errors[fieldKey.requirementIin(row.id)] && !errors[fieldKey.requirementBin(row.id)],
  ).length;
}

export function formToOptions(form: OptionsForm): MappingResult {
  const errors: FieldErrors = {};

  // Chips are re-checked (they may come from a stored preset); valid text still in the
  // input is sent too, invalid text blocks.
  const chips = addEmails([], form.emails.join(','));
  if (chips.error) errors[fieldKey.emails] = chips.error;
  const withDraft = addEmails(chips.emails, form.emailDraft);
  if (withDraft.error) errors[fieldKey.emailDraft] = withDraft.error;
  const emails = withDraft.emails;

  const limit = parseLimit(form.limit);
  if (limit.error) errors[fieldKey.limit] = limit.error;

  const signersRequirements: SignerRequirement[] = [];
  for (const row of form.requirements) {
    if (isEmptyRequirement(row)) continue;
    const requirement: SignerRequirement = {};
    const iinError = iinBinError(row.iin, 'iin');
    const binError = iinBinError(row.bin, 'bin');
    if (iinError) errors[fieldKey.requirementIin(row.id)] = iinError;
    if (binError) errors[fieldKey.requirementBin(row.id)] = binError;
    const iin = cleanIinBin(row.iin, 'iin');
    const bin = cleanIinBin(row.bin, 'bin');
    if (iin !== '') requirement.iin = `IIN${iin}`;
    if (bin !== '') requirement.bin = `BIN${bin}`;
    if (row.authorities.length > 0) requirement.authorities = [...new Set(row.authorities)].slice(0, MAX_AUTHORITIES);
    if (row.ca === 'nca') requirement.ca = 'nca';
    signersRequirements.push(requirement);
  }
  if (signersRequirements.length > MAX_REQUIREMENTS) {
    errors[fieldKey.requirements] = { code: 'requirementsTooMany', params: { max: MAX_REQUIREMENTS } };
  }

  const documentAccess: Array<{ iin: string }> = [];
  for (const row of form.access) {
    const iin = cleanIinBin(row.iin, 'iin');
    if (iin === '') continue;
    const error = iinBinError(row.iin, 'iin');
    if (error) errors[fieldKey.accessIin(row.id)] = error;
    if (!documentAccess.some((a) => a.iin === `IIN${iin}`)) documentAccess.push({ iin: `IIN${iin}` });
  }
  if (documentAccess.length > MAX_ACCESS_ROWS) errors[fieldKey.access] = { code: 'accessTooMany', params: { max: MAX_ACCESS_ROWS } };

  const unique: DocumentSettings['unique'] = [];
  if (form.uniqueIin) unique.push('iin');
  if (form.uniqueBin) unique.push('bin');

  const settings: DocumentSettings = {
    private: form.private,
    signaturesLimit: limit.value,
    // Only meaningful with a limit; SIGEX gets false otherwise.
    switchToPrivateAfterLimitReached: form.switchToPrivate && limit.value > 0,
    unique,
    // Only meaningful with at least one requirement.
    strictSignersRequirements: form.strict && signersRequirements.length > 0,
    signersRequirements,
    documentAccess,
  };
  return { options: { emails, settings }, errors, valid: Object.keys(errors).length === 0 };
}

// ---------------------------------------------------------------- options -> form

export function optionsToForm(options: SignOptions): OptionsForm {
  const s = options.settings;
  return {
    emails: addEmails([], options.emails.join(',')).emails,
    emailDraft: '',
    limit: String(s.signaturesLimit),
    private: s.private,
    switchToPrivate: s.switchToPrivateAfterLimitReached,
    uniqueIin: s.unique.includes('iin'),
    uniqueBin: s.unique.includes('bin'),
    strict: s.strictSignersRequirements,
    requirements: s.signersRequirements.map((r) => ({
      id: newRowId(),
      iin: stripRef(r.iin, 'iin'),
      bin: stripRef(r.bin, 'bin'),
      authorities: [...(r.authorities ?? [])],
      ca: r.ca === 'nca' ? 'nca' : 'any',
    })),
    access: s.documentAccess.map((a) => ({ id: newRowId(), iin: stripRef(a.iin, 'iin') })),
  };
}

/** Same options (order-insensitive where SIGEX is): used to show which preset is loaded. */
export function sameOptions(a: SignOptions, b: SignOptions): boolean {
  const canonical = (o: SignOptions) =>
    JSON.stringify({
      emails: o.emails.map((e) => e.toLowerCase()).sort(),
      settings: { ...o.settings, unique: [...o.settings.unique].sort() },
    });
  return canonical(a) === canonical(b);
}

// ---------------------------------------------------------------- authorities

/** NCA RK role OIDs, used when SIGEX's /api/strings cannot be reached (one list, in src-shared). */
export { NCA_AUTHORITIES } from '../../src-shared/nca-authorities';
