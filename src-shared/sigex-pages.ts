/**
 * Addresses of SIGEX pages, localised by a path prefix (none for Russian, /kk and /en).
 * One definition for main (links in job results) and the renderer (already-signed, hints).
 * The verify, settings and status paths are assumptions (PROTOCOLS.md does not confirm them).
 */
import type { Language } from './model';

function base(sigexUrl: string, lang?: Language): string {
  const prefix = lang === undefined || lang === 'ru' ? '' : `/${lang}`;
  return `${sigexUrl.replace(/\/+$/, '')}${prefix}`;
}

export function documentPageUrl(sigexUrl: string, id: string, lang: Language): string {
  return `${base(sigexUrl, lang)}/show/?id=${encodeURIComponent(id)}`;
}

export function verifyPageUrl(sigexUrl: string, lang: Language): string {
  return `${base(sigexUrl, lang)}/verify/`;
}

/** The user's settings on SIGEX (notification address); login required there. */
export function sigexSettingsUrl(sigexUrl: string, lang: Language): string {
  return `${base(sigexUrl, lang)}/settings/`;
}

/** The external services (OCSP / TSP of NCA RK) status page. */
export function statusPageUrl(sigexUrl: string): string {
  return `${base(sigexUrl)}/status/`;
}
