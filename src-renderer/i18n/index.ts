/**
 * i18next for the renderer, fed with the shared catalogues (src-shared/i18n). Keys are paths
 * with '.', namespaces with ':'; React escapes, so i18next does not.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { NAMESPACES, resources } from '../../src-shared/i18n/resources';
import type { Language } from '../../src-main/ipc/contract';

export const FALLBACK_LANGUAGE: Language = 'ru';
export const SUPPORTED_LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** The user's choice wins, then the system's language, then Russian. */
export function pickLanguage(saved: Language | null | undefined, system: Language | null | undefined): Language {
  if (isLanguage(saved)) return saved;
  if (isLanguage(system)) return system;
  return FALLBACK_LANGUAGE;
}

export interface InitOptions {
  /** Called for keys missing from the catalogues (tests assert there are none). */
  onMissingKey?: (lng: readonly string[], ns: string, key: string) => void;
}

export async function initI18n(language: Language, options: InitOptions = {}): Promise<I18n> {
  if (i18next.isInitialized) {
    await i18next.changeLanguage(language);
  } else {
    await i18next.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: FALLBACK_LANGUAGE,
      supportedLngs: [...SUPPORTED_LANGUAGES],
      ns: [...NAMESPACES],
      defaultNS: 'common',
      keySeparator: '.',
      nsSeparator: ':',
      interpolation: { escapeValue: false },
      returnNull: false,
      saveMissing: options.onMissingKey !== undefined,
      missingKeyHandler: options.onMissingKey ? (lngs, ns, key) => options.onMissingKey?.(lngs, ns, key) : false,
      react: { useSuspense: false },
    });
    // Whoever switches the language (status bar, settings), <html lang> follows.
    i18next.on('languageChanged', (lng) => {
      if (isLanguage(lng)) setDocumentLanguage(lng);
    });
  }
  setDocumentLanguage(language);
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  setDocumentLanguage(language);
}

/** The language the texts are shown in right now (for formatError and URLs). */
export function currentLanguage(): Language {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(lng) ? lng : FALLBACK_LANGUAGE;
}

function setDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export { i18next };
