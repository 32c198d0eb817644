/** Small pure helpers for display: sizes, countdowns and SIGEX page addresses. */
import type { TFunction } from 'i18next';
import type { Language } from '../../src-main/ipc/contract';

const UNITS = ['bytes', 'kb', 'mb', 'gb'] as const;

/** BCP 47 tag for Intl formatting in the UI language. */
export function localeTag(lang: Language): string {
  return lang === 'en' ? 'en-GB' : lang === 'kk' ? 'kk-KZ' : 'ru-RU';
}

export function formatSize(bytes: number, t: TFunction, lang: Language): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(localeTag(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
  return t(`common:size.${UNITS[unit]}`, { value: text });
}

/** Milliseconds left -> "mm:ss" (never negative). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export { documentPageUrl, sigexSettingsUrl, statusPageUrl } from '../../src-shared/sigex-pages';

export const NCALAYER_INSTALL_URL = 'https://ncl.pki.gov.kz/';
