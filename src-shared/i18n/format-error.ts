/**
 * ErrorView -> readable text in ru / kk / en. Pure: reads the `errors` catalogues directly (no
 * React, no i18next), so the renderer and the CLI explain errors the same way.
 *
 * - Ordinary kinds: title `errors.titles.<kind>`, message `errors.kinds.<kind>`, description
 *   `errors.hints.<kind>` (skipped when a value it needs is missing from `view.params`).
 * - `sigex-error`: the bundled text for SIGEX's English key; in Russian the server's own text
 *   (`sigexText` / `sigexDescription` from /api/strings) wins when present. Unknown keys show
 *   the key itself plus whatever text the server gave.
 * - `ncaServicesHint` marks OCSP / TSP problems so the UI can add the status-page hint.
 */
import type { ErrorView } from '../model/errors';
import en from './locales/en/errors';
import ru from './locales/ru/errors';
import kk from './locales/kk/errors';
import type { ErrorMessages } from './locales/en/errors';

export type ErrorLanguage = 'ru' | 'kk' | 'en';

export interface FormattedError {
  title: string;
  message: string;
  description?: string;
  ncaServicesHint: boolean;
}

type Params = Record<string, string | number>;

const catalogues: Record<ErrorLanguage, ErrorMessages> = { en, ru, kk };

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** `{{name}}` -> params.name; a missing value becomes an empty string. */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    return value === undefined ? '' : String(value);
  });
}

/** True when every `{{name}}` of the template has a non-empty value. */
function canFill(template: string, params: Params): boolean {
  for (const m of template.matchAll(PLACEHOLDER)) {
    const value = params[m[1] as string];
    // The core sends '-' for an unknown value; a sentence about '-' helps nobody.
    if (value === undefined || ['', '-'].includes(String(value).trim())) return false;
  }
  return true;
}

function own<T extends object>(map: T, key: string): T[keyof T] | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? (map as Record<string, T[keyof T]>)[key] : undefined;
}

export function isNcaServicesProblem(sigexKey: string | undefined): boolean {
  return sigexKey === 'OCSP server problem' || sigexKey === 'TSP server problem';
}

function joinText(...parts: Array<string | undefined>): string | undefined {
  const text = parts
    .map((p) => p?.trim())
    .filter((p): p is string => !!p)
    .join(' ');
  return text === '' ? undefined : text;
}

function formatSigexError(view: ErrorView, lang: ErrorLanguage, c: ErrorMessages): Omit<FormattedError, 'title' | 'ncaServicesHint'> {
  const key = view.sigexKey?.trim();
  if (!key) {
    if (lang === 'ru' && view.sigexText?.trim())
      return { message: capitalise(view.sigexText.trim()), description: joinText(view.sigexDescription) };
    return { message: c.kinds['sigex-error'], description: joinText(view.sigexText, view.sigexDescription) };
  }
  const bundled = own(c.sigex, key) as { message: string; description?: string } | undefined;
  if (!bundled) {
    // Not one we know: the key is what SIGEX's support will ask for, the server text helps the user.
    return { message: interpolate(c.unknownSigexKey, { key }), description: joinText(view.sigexText, view.sigexDescription) };
  }
  if (lang === 'ru' && view.sigexText?.trim()) {
    return { message: capitalise(view.sigexText.trim()), description: joinText(view.sigexDescription) ?? bundled.description };
  }
  return { message: bundled.message, description: bundled.description };
}

/** A template whose values are missing still reads well without them ("... SIGEX {{id}}: ..."). */
function dropPlaceholders(template: string): string {
  return template
    .replace(PLACEHOLDER, '')
    .replace(/\s+([:.,])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('ru') + s.slice(1);
}

export function formatError(view: ErrorView, lang: ErrorLanguage): FormattedError {
  const c = catalogues[lang] ?? catalogues.ru;
  const params: Params = view.params ?? {};
  const kind = own(c.kinds, view.kind) !== undefined ? view.kind : 'internal';
  const title = c.titles[kind];

  if (kind === 'sigex-error') {
    const { message, description } = formatSigexError(view, lang, c);
    return { title, message, ...(description ? { description } : {}), ncaServicesHint: isNcaServicesProblem(view.sigexKey?.trim()) };
  }

  const template = c.kinds[kind];
  const message = canFill(template, params) ? interpolate(template, params) : dropPlaceholders(template);
  // A hint of its own for one reason of a kind (`<kind>:<reason>`), else the kind's hint.
  const reasonHint = params['reason'] !== undefined ? own(c.hints, `${kind}:${String(params['reason'])}`) : undefined;
  const hint = (reasonHint ?? own(c.hints, kind)) as string | undefined;
  const hintText = hint && canFill(hint, params) ? interpolate(hint, params) : undefined;
  // Codes and details are for support, never the main text; an internal error has nothing else.
  const detail = [view.code, view.details ?? (kind === 'internal' ? view.message : undefined)].filter(Boolean).join(': ');
  const technical = detail ? interpolate(c.technicalDetails, { details: detail }) : undefined;
  const description = joinText(hintText, technical);
  return { title, message, ...(description ? { description } : {}), ncaServicesHint: false };
}
