/**
 * Settings: connection addresses, extra CA, signed copies, language, presets, connection test.
 * Addresses, copies and language are saved with [Save]; dialogs (folder, CA file) and preset
 * edits are saved at once by main. Escape closes; focus moves in on open and back on close.
 * Leaving with unsaved fields (Close, Escape, History) asks first: save, discard or keep editing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Language, SettingsPatch, SettingsView as SettingsData } from '../../../src-main/ipc/contract';
import { changeLanguage } from '../../i18n';
import { sigex, toErrorView, useAppStore } from '../../store/app';
import { useDescribeFailure } from '../advanced/fields';
import { useLanguage } from '../common';
import { ConnectionSection } from './ConnectionSection';
import { PresetsManager } from './PresetsManager';
import { draftErrors, draftFrom, draftPatch, type SettingsDraft } from './settings-draft';
import { UnsavedDialog } from './UnsavedDialog';
import './settings.css';

/** Language names are shown in their own language, whatever the interface language is. */
const LANGUAGE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

export interface SettingsViewProps {
  onClose(): void;
  /** Receives the settings after every successful save. */
  onSettingsChange?(settings: SettingsData): void;
}

type Status = { tone: 'ok' | 'error'; text: string } | null;

export function SettingsView({ onClose, onSettingsChange }: SettingsViewProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [settings, setSettings] = useState<SettingsData | null>(null);
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [initial, setInitial] = useState<SettingsDraft | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [showErrors, setShowErrors] = useState<Partial<Record<'sigexUrl' | 'ncalayerUrl', boolean>>>({});
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  /** Leaving with unsaved fields: where to go once the user has decided. */
  const [leaving, setLeaving] = useState<{ proceed: () => void } | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const uiLanguage = useLanguage();
  const dirty = draft !== null && initial !== null && Object.keys(draftPatch(draft, initial)).length > 0;
  // Read by the Escape listener and the status bar's guard, which outlive a render.
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  });

  /** Goes on at once when nothing is unsaved, else asks first. */
  const leave = (proceed: () => void) => {
    if (dirtyRef.current) setLeaving({ proceed });
    else proceed();
  };

  // The status bar's History goes through the same question.
  useEffect(() => {
    useAppStore.getState().setLeaveGuard((proceed) => (dirtyRef.current ? setLeaving({ proceed }) : proceed()));
    return () => useAppStore.getState().setLeaveGuard(null);
  }, []);
  const describeFailure = useDescribeFailure();

  // Focus in on open, back to where it was on close.
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    headingRef.current?.focus();
    return () => previous?.focus();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (dirtyRef.current) setLeaving({ proceed: onClose });
      else onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    let live = true;
    Promise.all([sigex().getSettings(), sigex().getAppInfo()]).then(
      ([loaded, info]) => {
        if (!live) return;
        const start = draftFrom(loaded, loaded.language ?? uiLanguage);
        setSettings(loaded);
        setAppInfo(info);
        setInitial(start);
        setDraft(start);
      },
      (e: unknown) => live && setStatus({ tone: 'error', text: t('loadFailed', { message: describeFailure(e) }) }),
    );
    return () => {
      live = false;
    };
    // Loaded once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const applySaved = (saved: SettingsData) => {
    setSettings(saved);
    onSettingsChange?.(saved);
  };

  /** Dialogs and preset edits: main saves them; the unsaved fields of the draft stay as they are. */
  const runAction = async (action: () => Promise<SettingsData>, done: string | null): Promise<SettingsData | null> => {
    setBusy(true);
    try {
      const saved = await action();
      applySaved(saved);
      setStatus(done ? { tone: 'ok', text: done } : null);
      return saved;
    } catch (e) {
      // The user answered "keep the current address" in main's confirmation, or main did not ask
      // again (refused before, a dialog already open, too many refusals: ipc/confirmations.ts).
      const view = toErrorView(e);
      const kept = view.kind === 'cancelled';
      const asked = !view.params?.reason || view.params.reason === 'refused';
      setStatus(
        kept
          ? { tone: 'error', text: t(asked ? 'addressConfirm.kept' : 'addressConfirm.notAsked') }
          : { tone: 'error', text: t('saveFailed', { message: describeFailure(e) }) },
      );
      return null;
    } finally {
      setBusy(false);
    }
  };

  const errors = draft && settings ? draftErrors(draft, settings) : {};

  /** true when everything is saved afterwards. */
  const save = async (): Promise<boolean> => {
    if (!draft || !initial || !settings) return false;
    if (Object.keys(errors).length > 0) {
      setShowErrors({ sigexUrl: true, ncalayerUrl: true });
      setStatus({ tone: 'error', text: t('fixErrors') });
      return false;
    }
    const patch: SettingsPatch = draftPatch(draft, initial);
    if (Object.keys(patch).length === 0) {
      setStatus({ tone: 'ok', text: t('saved') });
      return true;
    }
    const saved = await runAction(() => sigex().updateSettings(patch), t('saved'));
    if (!saved) return false;
    const next = draftFrom(saved, draft.language);
    setInitial(next);
    setDraft(next);
    dirtyRef.current = false;
    if (patch.language && patch.language !== uiLanguage) void changeLanguage(patch.language);
    return true;
  };

  const copyDiagnostics = async () => {
    try {
      await navigator.clipboard.writeText(await sigex().getDiagnostics());
      setStatus({ tone: 'ok', text: t('diagnostics.copied') });
    } catch (e) {
      setStatus({ tone: 'error', text: t('diagnostics.failed', { message: describeFailure(e) }) });
    }
  };

  const edit = (patch: Partial<SettingsDraft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setStatus(null);
  };

  return (
    <section className="set-view" data-testid="settings-view" aria-labelledby={`${id}-title`}>
      <header className="set-header">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="set-title">
          {t('title')}
        </h2>
        <button type="button" className="btn" data-testid="settings-close" ref={closeRef} onClick={() => leave(onClose)}>
          {t('close')}
        </button>
      </header>

      {settings && draft && (
        <div className="set-body">
          <ConnectionSection
            draft={draft}
            errors={errors}
            showErrors={showErrors}
            settings={settings}
            appInfo={appInfo}
            busy={busy}
            onDraft={edit}
            onBlurField={(field) => setShowErrors((s) => ({ ...s, [field]: true }))}
            onAction={(action) => void runAction(action, null)}
          />

          <section className="set-section" aria-labelledby={`${id}-copies`}>
            <h3 id={`${id}-copies`} className="set-section-title">
              {t('copies.title')}
            </h3>
            <div className="set-check">
              <input
                id={`${id}-autosave`}
                type="checkbox"
                data-testid="settings-autosave"
                checked={draft.autoSaveCopy}
                aria-describedby={`${id}-autosave-hint`}
                onChange={(e) => edit({ autoSaveCopy: e.target.checked })}
              />
              <label htmlFor={`${id}-autosave`}>{t('copies.autoSave')}</label>
            </div>
            <p id={`${id}-autosave-hint`} className="set-hint set-indent">
              {t('copies.autoSaveHint')}
            </p>
            <div className="set-check">
              <input
                id={`${id}-autosave-card`}
                type="checkbox"
                data-testid="settings-autosave-card"
                checked={draft.autoSaveCard}
                onChange={(e) => edit({ autoSaveCard: e.target.checked })}
              />
              <label htmlFor={`${id}-autosave-card`}>{t('copies.autoSaveCard')}</label>
            </div>
            <fieldset className="set-fieldset">
              <legend className="set-label">{t('copies.location')}</legend>
              <label className="set-check">
                <input
                  type="radio"
                  name={`${id}-location`}
                  data-testid="settings-copy-next-to-original"
                  checked={draft.copyLocation === 'next-to-original'}
                  onChange={() => edit({ copyLocation: 'next-to-original' })}
                />
                <span>{t('copies.nextToOriginal')}</span>
              </label>
              <label className="set-check">
                <input
                  type="radio"
                  name={`${id}-location`}
                  data-testid="settings-copy-folder"
                  checked={draft.copyLocation === 'folder'}
                  onChange={() => edit({ copyLocation: 'folder' })}
                />
                <span>{t('copies.folder')}</span>
              </label>
              <div className="set-inline set-indent">
                <span className="set-path" data-testid="settings-copy-folder-path">
                  {settings.copyFolder ?? t('copies.noFolder')}
                </span>
                <button
                  type="button"
                  className="btn"
                  data-testid="settings-choose-folder"
                  disabled={busy}
                  onClick={() =>
                    void runAction(() => sigex().chooseCopyFolder(), null).then((saved) => {
                      if (saved?.copyFolder) edit({ copyLocation: 'folder' });
                    })
                  }
                >
                  {t('copies.chooseFolder')}
                </button>
              </div>
              {errors.copyLocation && (
                <p className="set-error" role="alert">
                  {t(errors.copyLocation)}
                </p>
              )}
            </fieldset>
          </section>

          <section className="set-section" aria-labelledby={`${id}-language`}>
            <h3 id={`${id}-language`} className="set-section-title">
              {t('language.title')}
            </h3>
            <label htmlFor={`${id}-language-select`} className="set-label">
              {t('language.label')}
            </label>
            <select
              id={`${id}-language-select`}
              data-testid="settings-language"
              value={draft.language}
              onChange={(e) => edit({ language: e.target.value as Language })}
            >
              {(Object.keys(LANGUAGE_NAMES) as Language[]).map((lang) => (
                <option key={lang} value={lang} lang={lang}>
                  {LANGUAGE_NAMES[lang]}
                </option>
              ))}
            </select>
          </section>

          <PresetsManager
            presets={settings.presets}
            busy={busy}
            onSave={async (patch, done) => (await runAction(() => sigex().updateSettings(patch), done)) !== null}
          />

          <section className="set-section" aria-labelledby={`${id}-diagnostics`}>
            <h3 id={`${id}-diagnostics`} className="set-section-title">
              {t('diagnostics.title')}
            </h3>
            <p id={`${id}-diagnostics-hint`} className="set-hint">
              {t('diagnostics.hint')}
            </p>
            <button
              type="button"
              className="btn"
              data-testid="settings-copy-diagnostics"
              aria-describedby={`${id}-diagnostics-hint`}
              onClick={() => void copyDiagnostics()}
            >
              {t('diagnostics.copy')}
            </button>
          </section>
        </div>
      )}

      <footer className="set-footer">
        <p className={status?.tone === 'error' ? 'set-error' : 'set-status'} role="status" data-testid="settings-status">
          {status?.text}
        </p>
        <button type="button" className="btn btn-primary" data-testid="settings-save" disabled={busy || !draft} onClick={() => void save()}>
          {busy ? t('saving') : t('save')}
        </button>
      </footer>

      {leaving && (
        <UnsavedDialog
          busy={busy}
          onSave={() =>
            void save().then((ok) => {
              // Not saved (a field to fix, or the address change not confirmed): stay, the status says why.
              setLeaving(null);
              if (ok) leaving.proceed();
            })
          }
          onDiscard={() => {
            setLeaving(null);
            leaving.proceed();
          }}
          onKeep={() => {
            setLeaving(null);
            closeRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}
