/** Қаз / Рус / Eng: switches at once and persists the choice through main. */
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-main/ipc/contract';
import { changeLanguage } from '../i18n';
import { logWarning } from '../store/app';
import { useSettingsStore } from '../store/settings';
import { useLanguage } from './common';

/** Each language is named in itself, as language pickers do. */
const LANGUAGES: ReadonlyArray<{ code: Language; short: string; full: string }> = [
  { code: 'kk', short: 'Қаз', full: 'Қазақша' },
  { code: 'ru', short: 'Рус', full: 'Русский' },
  { code: 'en', short: 'Eng', full: 'English' },
];

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = useLanguage();
  const update = useSettingsStore((s) => s.update);

  const choose = async (code: Language) => {
    if (code === current) return;
    await changeLanguage(code);
    try {
      await update({ language: code });
    } catch (e) {
      logWarning('could not save the language', e);
    }
  };

  return (
    <div className="lang-switcher" role="group" aria-label={t('common:statusBar.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          className={l.code === current ? 'lang-btn is-current' : 'lang-btn'}
          aria-pressed={l.code === current}
          aria-label={l.full}
          title={l.full}
          data-testid={`lang-${l.code}`}
          onClick={() => void choose(l.code)}
        >
          {l.short}
        </button>
      ))}
    </div>
  );
}
